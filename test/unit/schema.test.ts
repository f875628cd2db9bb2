import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

const run = promisify(execFile);

/** Every named type, field, argument and enum value of our own schema that lacks a description. */
function undocumented(): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    // `_Any`, `_Entity`, `_Service`: Federation's own machinery, described by its spec.
    if (
      type.name.startsWith('_') ||
      (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
    )
      continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith('_')) continue;
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues())
        if (!value.description && !value.deprecationReason) missing.push(`${type.name}.${value.name}`);
    }
    if (isUnionType(type) && type.getTypes().length === 0) missing.push(`${type.name} (empty union)`);
  }
  return missing;
}

describe('schema', () => {
  it('describes every type, field, argument and enum value (GraphiQL shows them)', () => {
    // Enum values of Criteo's read enums name themselves (LOW, MEDIUM…); everything else needs words.
    const allowed = /^(BuyingPower|PriceRange|Gender|VisitorsType|RegistryType|BehavioralCategory)\./;
    expect(undocumented().filter((name) => !allowed.test(name))).toEqual([]);
  });

  it('exposes the segment types as a union of typed members', () => {
    const union = schema.getType('AudienceSegment');
    expect(
      isUnionType(union) &&
        union
          .getTypes()
          .map((t) => t.name)
          .sort(),
    ).toEqual([
      'BehavioralSegment',
      'ContactListSegment',
      'InMarketSegment',
      'LocationSegment',
      'LookalikeSegment',
      'ProspectingSegment',
      'RetargetingSegment',
      'UnknownSegment',
    ]);
  });
});

describe('npm run print-schema', () => {
  const script = ['--import', 'tsx', 'scripts/print-schema.ts'];

  it('matches the checked-in schema.graphql', async () => {
    const checkedIn = await readFile('schema.graphql', 'utf8');
    expect(checkedIn).toBe(`${printSchema(lexicographicSortSchema(schema))}\n`);
  });

  it('--check passes on fresh files and fails with a clear message on a stale one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'schema-'));
    for (const name of ['schema.graphql', 'schema.subgraph.graphql']) await copyFile(name, join(dir, name));
    await expect(run(process.execPath, [...script, '--check', '--dir', dir])).resolves.toMatchObject({
      stdout: expect.stringContaining('up to date'),
    });
    const file = join(dir, 'schema.subgraph.graphql');
    await writeFile(file, `${await readFile(file, 'utf8')}\ntype Stale { field: Int }\n`);
    const failure = await run(process.execPath, [...script, '--check', '--dir', dir]).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('schema.subgraph.graphql is stale: run `npm run print-schema`'),
    });
    // Two tsx start-ups: generous on a loaded machine (this is not a timing assertion).
  }, 60_000);
});

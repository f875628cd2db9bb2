import { readFile } from 'node:fs/promises';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { parse } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { z } from 'zod';

/** `{ "<id>": "<GraphQL document>" }`: the format of graphql-codegen's and Relay's persisted documents. */
const AllowListSchema = z.record(z.string().min(1), z.string().min(1));

/** Reads and checks an allow-list file; every document must parse, so a broken file stops the start. */
export async function readAllowList(file: string): Promise<Map<string, string>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`PERSISTED_OPERATIONS_FILE: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const parsed = AllowListSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`PERSISTED_OPERATIONS_FILE: ${file} must be a JSON object of id -> GraphQL document`);
  }
  for (const [id, document] of Object.entries(parsed.data)) {
    try {
      parse(document);
    } catch (error) {
      throw new Error(
        `PERSISTED_OPERATIONS_FILE: operation ${id} does not parse (${(error as Error).message})`,
      );
    }
  }
  return new Map(Object.entries(parsed.data));
}

/**
 * The id of a persisted operation: `documentId` (GraphQL over HTTP), `doc_id` (Relay), or the
 * Apollo form `extensions.persistedQuery.sha256Hash`.
 */
function operationIdOf(params: GraphQLParams): string | null {
  const extra = params as GraphQLParams & { documentId?: unknown; doc_id?: unknown };
  if (typeof extra.documentId === 'string') return extra.documentId;
  if (typeof extra.doc_id === 'string') return extra.doc_id;
  const persisted = z
    .object({ persistedQuery: z.object({ sha256Hash: z.string() }) })
    .safeParse(params.extensions);
  return persisted.success ? persisted.data.persistedQuery.sha256Hash : null;
}

/**
 * Allow-list mode: only the operations of the list run, by id; a request with a query text, or an
 * unknown id, is refused before parsing. For production, where the clients' operations are known.
 */
export function useAllowList(operations: ReadonlyMap<string, string>): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: false,
    extractPersistedOperationId: operationIdOf,
    getPersistedOperation: (id) => operations.get(id) ?? null,
    customErrors: {
      notFound: {
        message: 'This operation is not in the allow-list of the gateway',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
      },
      persistedQueryOnly: {
        message: 'Only persisted operations run here: send the id of an allow-listed operation, not a query',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
      },
      keyNotFound: {
        message:
          'Send the id of an allow-listed operation (documentId, or extensions.persistedQuery.sha256Hash)',
        extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED', http: { status: 400 } },
      },
    },
  }) as Plugin;
}

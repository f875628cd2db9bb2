import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const LogLineSchema = z.looseObject({ level: z.string(), msg: z.string() });
export type LogLine = z.infer<typeof LogLineSchema>;

/** `npm start`'s entry point in a child process, with its JSON log lines as they come. */
export interface GatewayProcess {
  process: ChildProcess;
  lines: LogLine[];
  /** Resolves with the first log line matching, as soon as it is written. */
  line(predicate: (line: LogLine) => boolean): Promise<LogLine>;
  exited: Promise<number | null>;
}

export function startGatewayProcess(env: Record<string, string>): GatewayProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters: { predicate: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const text of complete) {
      if (text.trim() === '') continue;
      const line = LogLineSchema.parse(JSON.parse(text));
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      if (code !== 0 && stderr) process.stderr.write(stderr);
      resolve(code);
    });
  });
  return {
    process: child,
    lines,
    exited,
    line: (predicate) =>
      new Promise((resolve, reject) => {
        const found = lines.find(predicate);
        if (found) resolve(found);
        else waiters.push({ predicate, resolve });
        void exited.then(() => reject(new Error(`the gateway exited before the line; stderr: ${stderr}`)));
      }),
  };
}

/** Waits until the process listens, and answers its GraphQL URL. */
export async function listeningUrl(child: GatewayProcess): Promise<string> {
  const listening = await child.line((line) => line.msg === 'GraphQL gateway listening');
  return z.string().parse(listening.url).replace('localhost', '127.0.0.1');
}

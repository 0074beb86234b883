/**
 * AWS's DynamoDB Local (the jar shipped by `amplify-dynamodb-simulator`), run on disk with
 * the machine's Java runtime, and the tables of the synthesized template created in it.
 *
 * The jar is started directly rather than through the package's `launch()`: that one pulls
 * in the Amplify CLI core, binds to a fixed port range and can't say why Java is missing.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { LocalStackError } from '../local-stack-error.js';
import { LOCAL_AWS_CLIENT_CONFIG } from './local-aws-client-config.js';
import { readTemplateTables } from './template-tables.js';

export interface DynamoDbLocalOptions {
  /** Directory of the database file (`shared-local-instance.db`); created if missing, kept across restarts. */
  readonly dataDir: string;
  /** Port to listen on; `0` or absent picks a free one. */
  readonly port?: number;
  /** How long to wait for the server to answer ListTables (a JVM start on a busy machine is slow). @default 60000 */
  readonly startTimeoutMs?: number;
  /** The `java` executable. @default `$JAVA_HOME/bin/java`, else `java` on the PATH */
  readonly javaPath?: string;
  /**
   * JVM options. The default trades peak speed for a faster start (about a third less on
   * two cores), which a local database does not miss.
   * @default ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC']
   */
  readonly javaOptions?: readonly string[];
}

export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint`. */
  readonly endpoint: string;
  /** Stops the server (its data stays in `dataDir`). Safe to call twice. */
  stop(): Promise<void>;
}

/** No Java runtime was found to run DynamoDB Local. */
export class JavaRuntimeMissingError extends LocalStackError {
  override readonly name = 'JavaRuntimeMissingError';
}

/** DynamoDB Local exited or did not answer in time. `output` holds its last console lines. */
export class DynamoDbLocalStartError extends LocalStackError {
  override readonly name = 'DynamoDbLocalStartError';

  constructor(
    message: string,
    readonly output: string,
    options?: { cause?: unknown },
  ) {
    super(output ? `${message}\n--- DynamoDB Local output ---\n${output}` : message, options);
  }
}

const POLL_INTERVAL_MS = 100;
const POLL_REQUEST_TIMEOUT_MS = 5_000;
const STOP_GRACE_MS = 5_000;
const PORT_RETRIES = 3;
const DEFAULT_JAVA_OPTIONS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

const emulatorDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json')),
  'emulator',
);

/**
 * Starts DynamoDB Local on 127.0.0.1 with its data in `dataDir` and resolves once it
 * answers ListTables. The JVM is killed on `stop()`, when this process exits, and — since
 * it is watched through a pipe — even when this process is killed outright.
 *
 * Note: DynamoDB Local has no bind-address option; it listens on every interface.
 * @throws JavaRuntimeMissingError when no `java` is found
 * @throws DynamoDbLocalStartError when it exits or does not answer within `startTimeoutMs`
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const java = options.javaPath ?? findJava();
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const fixedPort = options.port !== undefined && options.port !== 0 ? options.port : undefined;

  // A DynamoDB Local of a killed stack may still be shutting down on the same port: a new one
  // would fail to bind while the old one still answered the readiness check, and the stack would
  // run against a server about to die. Wait until the port is free.
  if (fixedPort !== undefined) await waitUntilPortFree(fixedPort, options.startTimeoutMs ?? 60_000);
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await findFreePort());
    try {
      return await launch(java, options.javaOptions ?? DEFAULT_JAVA_OPTIONS, dataDir, port, options.startTimeoutMs ?? 60_000);
    } catch (error) {
      // A picked port can be taken between the pick and the JVM's bind: pick again.
      const portRace = fixedPort === undefined && error instanceof DynamoDbLocalStartError && /BindException|Address already in use/.test(error.output);
      if (!portRace || attempt >= PORT_RETRIES) throw error;
    }
  }
}

async function launch(java: string, javaOptions: readonly string[], dataDir: string, port: number, startTimeoutMs: number): Promise<DynamoDbLocal> {
  const args = [
    ...javaOptions,
    '-Djava.library.path=./DynamoDBLocal_lib',
    '-jar',
    'DynamoDBLocal.jar',
    '-port',
    String(port),
    '-dbPath',
    dataDir,
    '-sharedDb',
    '-disableTelemetry',
  ];
  // The shell holds the JVM's pid and kills it as soon as its stdin (a pipe from this
  // process) reaches end-of-file: on stop(), and also when this process dies by any means.
  const watchdog = 'java="$1"; shift; "$java" "$@" </dev/null & pid=$!; echo "pid $pid"; read -r _ignored; kill "$pid" 2>/dev/null; wait "$pid"';
  const child = spawn('/bin/sh', ['-c', watchdog, 'dynamodb-local', java, ...args], {
    cwd: emulatorDir,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = new OutputTail();
  let javaPid: number | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (javaPid === undefined) {
      const match = /^pid (\d+)$/m.exec(text);
      if (match?.[1]) javaPid = Number(match[1]);
    }
    output.push(text);
  });
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  // A closed pipe (the shell already gone) must not crash this process.
  child.stdin.on('error', () => {});

  const killOnExit = (): void => {
    if (javaPid !== undefined) tryKill(javaPid, 'SIGKILL');
    if (child.pid !== undefined) tryKill(child.pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    process.removeListener('exit', killOnExit);
  });

  const stop = async (): Promise<void> => {
    if (hasExited) return;
    child.stdin.end();
    const timer = setTimeout(killOnExit, STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, startTimeoutMs, () => hasExited, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
}

async function waitUntilAnswering(endpoint: string, timeoutMs: number, hasExited: () => boolean, output: OutputTail): Promise<void> {
  // The first request after a (re)start can take seconds while the JVM warms up: a try
  // gives up after a while (the server keeps warming up) and the next one asks again.
  const client = new DynamoDBClient({
    ...LOCAL_AWS_CLIENT_CONFIG,
    endpoint,
    maxAttempts: 1,
    requestHandler: { requestTimeout: POLL_REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + timeoutMs;
  const maxTries = Math.max(1, Math.ceil(timeoutMs / POLL_INTERVAL_MS));
  let lastError: unknown;
  try {
    for (let attempt = 0; attempt < maxTries && Date.now() < deadline; attempt++) {
      if (hasExited()) throw new DynamoDbLocalStartError('DynamoDB Local exited while starting', output.text());
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        lastError = error;
      }
      if (hasExited()) throw new DynamoDbLocalStartError('DynamoDB Local exited while starting', output.text());
      await sleep(POLL_INTERVAL_MS);
    }
  } finally {
    client.destroy();
  }
  throw new DynamoDbLocalStartError(`DynamoDB Local did not answer at ${endpoint} within ${timeoutMs} ms`, output.text(), {
    cause: lastError,
  });
}

function findJava(): string {
  const candidates: string[] = [];
  if (process.env['JAVA_HOME']) candidates.push(path.join(process.env['JAVA_HOME'], 'bin', 'java'));
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, 'java'));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here; try the next one
    }
  }
  throw new JavaRuntimeMissingError(
    'DynamoDB Local needs Java, and no `java` was found (JAVA_HOME, PATH): install a Java 17 runtime: apt-get install -y openjdk-17-jre-headless',
  );
}

/** Resolves once nothing accepts connections on 127.0.0.1:`port` (a previous server is gone). */
async function waitUntilPortFree(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const inUse = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (!inUse) return;
    if (Date.now() > deadline) throw new DynamoDbLocalStartError(`Port ${port} is still in use by another process`, '');
    await sleep(POLL_INTERVAL_MS);
  }
}

/** A port free on 127.0.0.1 right now. */
/**
 * A free port on 127.0.0.1, for a server that must know its port before it starts listening.
 * Chosen below Linux's ephemeral range (32768–60999), which the kernel hands to outgoing
 * connections (a browser's, a client's): a port found free there could be taken by one before
 * our server binds it, as Chromium in the end-to-end tests did. Each port is handed out once per
 * process. Falls back to a port the kernel picks when none is found.
 */
export async function findFreePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (handedOut.has(port)) continue;
    if (await isFree(port)) {
      handedOut.add(port);
      return port;
    }
  }
  return listenAndRelease(0);
}

const handedOut = new Set<number>();

async function isFree(port: number): Promise<boolean> {
  return listenAndRelease(port).then(
    () => true,
    () => false,
  );
}

function listenAndRelease(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(bound));
    });
  });
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Keeps the last few KB of the server's console, for error messages. */
class OutputTail {
  private buffer = '';

  push(text: string): void {
    this.buffer = (this.buffer + text).slice(-8_000);
  }

  text(): string {
    return this.buffer.trim();
  }
}

/**
 * Creates, in the DynamoDB at `endpoint`, every table of a synthesized template that does
 * not exist yet, adds the global secondary indexes an existing table lacks (a template that
 * grew since the data was written), and enables TTL as the template says.
 * (DynamoDB Local records TTL but never deletes expired items.)
 * @returns logical id → table name
 */
export async function createTablesFromTemplate(endpoint: string, template: unknown): Promise<Record<string, string>> {
  const client = new DynamoDBClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint });
  const names: Record<string, string> = {};
  try {
    for (const table of readTemplateTables(template)) {
      names[table.logicalId] = table.tableName;
      const existing = await describeTable(client, table.tableName);
      if (!existing) {
        await client.send(new CreateTableCommand(table.createTableInput));
      } else {
        const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
        for (const index of table.createTableInput.GlobalSecondaryIndexes ?? []) {
          if (present.has(index.IndexName)) continue;
          await client.send(
            new UpdateTableCommand({
              TableName: table.tableName,
              AttributeDefinitions: table.createTableInput.AttributeDefinitions,
              GlobalSecondaryIndexUpdates: [{ Create: index }],
            }),
          );
        }
      }
      if (table.timeToLiveAttribute) {
        const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: table.tableName }));
        const current = ttl.TimeToLiveDescription;
        const alreadyOn = current?.TimeToLiveStatus === 'ENABLED' && current.AttributeName === table.timeToLiveAttribute;
        if (!alreadyOn) {
          await client.send(
            new UpdateTimeToLiveCommand({
              TableName: table.tableName,
              TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
            }),
          );
        }
      }
    }
  } finally {
    client.destroy();
  }
  return names;
}

async function describeTable(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

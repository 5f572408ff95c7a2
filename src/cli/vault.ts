import { readRawSettings } from '../config/env.js';
import { decodeKey } from '../modules/vault/keyring.js';
import { loadMasterKey } from '../modules/vault/master-key.js';
import { rotateMasterKey } from '../modules/vault/rotate.js';
import { type Command, parse, UsageError, withContext } from './common.js';

const USAGE = `parapet vault rotate-key [--new-key-env NAME | --new-key-stdin] [--settle-ms N]

Re-wraps every stored secret's data key under a new master key. Payloads are not re-encrypted, and
servers keep running: they read the new key as soon as they meet a secret wrapped with it.

Key file (data/master.key, the default): a new key is generated. The file becomes a keyring (JSON,
mode 0600, replaced atomically): the new key is added as primary, every data key is re-wrapped in
batches, then the old key is removed from the file. Back up the file again afterwards.

Keys from PARAPET_MASTER_KEY: the new key must be given explicitly, from the environment variable
named by --new-key-env or as one base64 line on stdin (--new-key-stdin); generate one with
"openssl rand -base64 32". Nothing is written to disk. To rotate without downtime:
  1. Restart every process with PARAPET_MASTER_KEY=<new> and PARAPET_MASTER_KEY_PREVIOUS=<old>
     (they open secrets under either key and store new ones under the new key).
  2. Run, in that environment:  parapet vault rotate-key --new-key-env PARAPET_MASTER_KEY
  3. Remove PARAPET_MASTER_KEY_PREVIOUS and restart. The old key can no longer open anything.
If you rotate before step 1, processes holding only the old key cannot open secrets until restarted as in step 1.`;

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n')[0]!.trim();
}

export const vaultCommand: Command = {
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, {
      'new-key-env': { type: 'string' },
      'new-key-stdin': { type: 'boolean' },
      'settle-ms': { type: 'string' },
    });
    if (values.help || !sub) {
      console.log(USAGE);
      return sub || values.help ? 0 : 2;
    }
    if (sub !== 'rotate-key') throw new UsageError(`unknown subcommand "vault ${sub}"`);
    if (values['new-key-env'] && values['new-key-stdin'])
      throw new UsageError('give the new key one way: --new-key-env or --new-key-stdin');
    let newKey: Buffer | undefined;
    if (values['new-key-env']) {
      const name = values['new-key-env'];
      const value = readRawSettings()[name];
      if (!value) throw new UsageError(`the environment variable ${name} is empty`);
      newKey = decodeKey(value, name);
    } else if (values['new-key-stdin']) {
      newKey = decodeKey(await readStdinLine(), 'stdin');
    }
    const settleMs = values['settle-ms'] === undefined ? 1000 : Number(values['settle-ms']);
    if (!Number.isInteger(settleMs) || settleMs < 0)
      throw new UsageError('--settle-ms must be a whole number');
    return withContext(async (ctx) => {
      const source = loadMasterKey(ctx.config.dataDir, ctx.config.masterKey, ctx.config.masterKeyPrevious);
      if (!source.isFile && !newKey)
        throw new UsageError(
          'the master key comes from PARAPET_MASTER_KEY: give the new key with --new-key-env NAME or --new-key-stdin',
        );
      const result = await rotateMasterKey(ctx.db, source, { ...(newKey ? { newKey } : {}), settleMs });
      console.log(
        `Re-wrapped ${result.rewrapped} data key(s) under master key ${result.newKeyId}` +
          (result.retiredKeyIds.length ? ` (replacing ${result.retiredKeyIds.join(', ')}).` : '.'),
      );
      if (source.isFile) console.log(`${source.source} now holds only the new key: back it up again.`);
      else
        console.log(
          'Now run every process with PARAPET_MASTER_KEY set to the new key; remove PARAPET_MASTER_KEY_PREVIOUS once all have restarted.',
        );
      return 0;
    });
  },
};

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { readRawSettings } from '../config/env.js';
import { createAppContext } from '../context.js';
import { DEMO_ORG, DEMO_PASSWORD, PEOPLE } from '../demo/force.js';
import { seedDemoHistory } from '../demo/history.js';
import { seedDemoForce } from '../demo/seed.js';
import { startParapet } from '../main.js';
import { type Command, parse } from './common.js';

export const demoCommand: Command = {
  usage: `parapet demo [--port N]

Runs Parapet with a demo force (${DEMO_ORG}) on the built-in Sandbox network: 20+ official accounts across
districts and neighbourhood teams, people in every role, the starter dictionaries, and simulated members of the
public replying (some abusive, some needing safeguarding). Data lives in ./data-demo unless PARAPET_DATA_DIR or
DATABASE_URL says otherwise, so it never mixes with a real installation. Delete that folder to start again.
Environment: PARAPET_SANDBOX_SIMULATOR_RATE (public replies per minute, default 12 here).`,
  async run(args) {
    const { values } = parse(args, { port: { type: 'string' } });
    const raw = readRawSettings();
    const config = loadConfig({
      ...raw,
      PARAPET_DATA_DIR: raw.PARAPET_DATA_DIR ?? path.resolve('data-demo'),
      PARAPET_SANDBOX_SIMULATOR_RATE: raw.PARAPET_SANDBOX_SIMULATOR_RATE ?? '12',
      // The demo's own lines are the point; warnings and errors still show.
      LOG_LEVEL: raw.LOG_LEVEL ?? 'warn',
      ...(values.port ? { PORT: values.port } : {}),
    });
    mkdirSync(config.dataDir, { recursive: true });

    const setup = await createAppContext(config);
    try {
      const seeded = await seedDemoForce(setup);
      if (seeded) {
        const replies = await seedDemoHistory(setup, seeded);
        console.log(`Demo: created ${DEMO_ORG} with a month of history (${replies} public replies).`);
      } else console.log(`Demo: using the existing data in ${config.dataDir}.`);
    } finally {
      await setup.close();
    }
    const server = await startParapet(config, () => {});
    console.log(`
Parapet demo is running: open ${server.url}/app
Sign in with any of these (password "${DEMO_PASSWORD}"):
${PEOPLE.slice(0, 7)
  .map((p) => `  ${p.roles.join(',').padEnd(10)} ${p.email.padEnd(34)} ${p.name}`)
  .join('\n')}
The Sandbox network's public view: ${server.url}/sandbox
Press Ctrl+C to stop.`);
    await new Promise<void>((resolve) => {
      const stop = () => server.stop().finally(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};

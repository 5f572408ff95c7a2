import { startParapet } from '../main.js';
import { type Command, loadCliConfig, parse } from './common.js';

export const serveCommand: Command = {
  usage: `parapet serve [--port N] [--host H]

Serves the API and dashboard and runs background jobs. Applies database migrations first.
Environment: PORT, HOST, PARAPET_DATA_DIR, DATABASE_URL, PARAPET_ROLES (api,worker) — see README.`,
  async run(args) {
    const { values } = parse(args, { port: { type: 'string' }, host: { type: 'string' } });
    const config = loadCliConfig();
    if (values.port) {
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error('--port must be a whole number from 0 to 65535');
      config.port = port;
    }
    if (values.host) config.host = values.host;
    const server = await startParapet(config);
    if (server.url)
      console.log(
        `Parapet is serving on ${server.url} (roles: ${config.roles.join(', ')}, database: ${server.ctx.dbKind})`,
      );
    else console.log(`Parapet worker running (database: ${server.ctx.dbKind})`);
    await new Promise<void>((resolve) => {
      const shutdown = (signal: string) => {
        console.log(`${signal} received: finishing in-flight work and stopping…`);
        server.stop().then(resolve, (err) => {
          console.error(`Shutdown error: ${(err as Error).message}`);
          resolve();
        });
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    });
    return 0;
  },
};

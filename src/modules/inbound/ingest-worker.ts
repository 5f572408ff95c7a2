// The ingestion thread's body (see ingest-thread.ts): its own AppContext and database connection, one
// transaction per batch it is sent, the answer posted only after the commit returned. The main thread wakes
// its job workers when the answer arrives (group-commit.ts), after the commit, not from in here.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../config/config.js';
import { createAppContext } from '../../context.js';
import { storeDeliveries } from './group-commit.js';
import type { FromWorker, ToWorker } from './ingest-thread.js';

const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);
// The main thread migrated the database before the first delivery could arrive.
const app = await createAppContext(workerData.config as Config, { migrate: false });

let inFlight = 0;
let closing = false;
// Close once asked and the last batch answered: the connection closes cleanly, then the thread ends
// (process.exit in a worker ends only the worker).
const closeIfDone = async () => {
  if (!closing || inFlight > 0) return;
  await app.close();
  process.exit(0);
};

port.on('message', async (m: ToWorker) => {
  if (m.type === 'close') {
    closing = true;
    return closeIfDone();
  }
  const { id, deliveries } = m;
  inFlight++;
  try {
    const results = await app.db.transaction().execute((trx) => storeDeliveries(app, trx, deliveries));
    post({ type: 'done', id, results });
  } catch (err) {
    app.logger.error({ err }, 'webhook batch could not be stored');
    post({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) });
  }
  inFlight--;
  await closeIfDone();
});
post({ type: 'ready' });

// Registers the publishing execution jobs (publish, delete on the platform) with the worker.
import type { AppContext } from '../../context.js';
import { runDeleteJob } from './delete-job.js';
import { DELETE_POST_JOB } from './delete-service.js';
import { runPublishJob } from './publish-job.js';
import { PUBLISH_JOB } from './publish-queue.js';

export function registerPublishJobs(app: AppContext): void {
  app.jobHandlers.set(PUBLISH_JOB, (job) => runPublishJob(app, job));
  app.jobHandlers.set(DELETE_POST_JOB, (job) => runDeleteJob(app, job));
}

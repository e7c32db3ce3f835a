export { isMailAddress, maskAddress } from '../mail-address.js';
export { type MailPublication, mailJobs, queueMail, type ReadMailPublication } from './mail-job.js';
export { dropQueuedMailTo, MAIL_JOB, type MailOutcome } from './mail-job-repository.js';
export type { MailMessage } from './mail-message.js';
export { outboxDir } from './mail-outbox.js';
export { describeMailer } from './mail-transport.js';

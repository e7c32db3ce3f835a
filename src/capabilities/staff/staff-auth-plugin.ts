import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.js';

/** Placeholder: replaced by the work that owns this capability. */
export const staffAuth: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (_app, _opts) => {};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.js';

/** Placeholder: replaced by the work that owns these reader routes. */
export const sectionPages: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (_app, _opts) => {};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { Db } from '../../platform/database/database.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { AppError } from '../../platform/http/errors.js';
import { checkSetting, SETTING_KEYS, SETTINGS, settingErrorCode } from './settings.js';
import { readSettings, updateSetting } from './settings-service.js';

const SettingValue = Type.Union([Type.String(), Type.Number()]);

const SettingsListJson = Type.Object({
  settings: Type.Array(
    Type.Object({
      key: Type.String(),
      value: SettingValue,
      default: SettingValue,
      kind: Type.Union([Type.Literal('text'), Type.Literal('integer')]),
      help: Type.String(),
    }),
  ),
});

const SettingsChangesBody = Type.Record(Type.String(), Type.Unknown(), {
  minProperties: 1,
  description: 'Keys to change, each with its new value; every key is checked before any is written.',
});

async function presentSettings(db: Db): Promise<Static<typeof SettingsListJson>> {
  const values = await readSettings(db);
  return {
    settings: SETTING_KEYS.map((key) => ({
      key,
      value: values[key],
      default: SETTINGS[key].default,
      kind: SETTINGS[key].kind,
      help: SETTINGS[key].help,
    })),
  };
}

/**
 * Who may use /settings: given by app.ts (staff's admin check), because staff reads settings (the
 * publication's name in its mails) and settings must not import staff back (no folder circle).
 * Returns the acting staff member's name, or throws 401/403.
 */
export type SettingsGuard = (request: FastifyRequest, action: string) => { name: string };

/**
 * Writes a settings change to the audit trail, in the change's transaction. Given by app.ts for the
 * same reason as the guard: the audit trail reads staff, and staff reads settings.
 */
export type RecordSettingsChange = (
  trx: Db,
  request: FastifyRequest,
  change: { summary: string; details: Record<string, unknown> },
) => Promise<void>;

/** /settings: admins and above read and change the publication's settings. */
export const settingsApi: FastifyPluginAsyncTypebox<{
  deps: Deps;
  requireAdmin: SettingsGuard;
  recordChange: RecordSettingsChange;
}> = async (app, { deps, requireAdmin, recordChange }) => {
  const { clock } = deps;
  const db = deps.database.db;
  const tags = ['settings'];

  app.get(
    '/settings',
    {
      schema: {
        tags,
        summary: 'Every setting with its value, default and help',
        response: { 200: SettingsListJson },
      },
    },
    async (request) => {
      requireAdmin(request, 'read the settings');
      return presentSettings(db);
    },
  );

  app.patch(
    '/settings',
    {
      schema: {
        tags,
        summary: 'Change several settings at once: all are written or none',
        body: SettingsChangesBody,
        response: { 200: SettingsListJson },
      },
    },
    async (request) => {
      const actor = requireAdmin(request, 'change the settings');
      const changes = Object.entries(request.body);
      // Every key is checked before anything is written, so one bad value names all the others too.
      const problems = changes.flatMap(([key, value]) => {
        const check = checkSetting(key, value);
        if (check.ok) return [];
        return [{ field: key, code: settingErrorCode(check.reason), problem: check.message }];
      });
      if (problems.length > 0) {
        const keys = problems.map((p) => p.field);
        throw new AppError(
          'SETTINGS_INVALID',
          400,
          `${keys.length === 1 ? 'This setting was' : 'These settings were'} not accepted, so nothing was changed: ${keys.join(', ')}. ${problems[0]!.problem}`,
          { field: keys[0], fields: keys, problems },
        );
      }
      await inTransaction(db, async (trx) => {
        const before = await readSettings(trx);
        for (const [key, value] of changes) await updateSetting(trx, clock, key, value, actor.name);
        const after = await readSettings(trx);
        const changed = changes
          .map(([key]) => key)
          .filter((key) => before[key as keyof typeof before] !== after[key as keyof typeof after]);
        if (changed.length > 0) {
          await recordChange(trx, request, {
            summary: `Changed ${changed.join(', ')}`,
            details: Object.fromEntries(
              changed.map((key) => [
                key,
                { from: before[key as keyof typeof before], to: after[key as keyof typeof after] },
              ]),
            ),
          });
        }
      });
      // Every page shows settings (name, footer, the wall's limit): the next request must see the change.
      await deps.purges.sync();
      return presentSettings(db);
    },
  );
};

import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

export interface Setting {
  key: string;
  value: string | number;
  default: string | number;
  kind: 'text' | 'integer';
  help: string;
}

/** Every setting with its value and help (GET /settings, admins and above). */
export function useSettings() {
  return useQuery({
    queryKey: ['settings'],
    queryFn: async () => (await api<{ settings: Setting[] }>('/settings')).settings,
  });
}

/** The form's values: every setting as the text in its field. */
export type SettingValues = Record<string, string>;

export function valuesOf(settings: Setting[]): SettingValues {
  return Object.fromEntries(settings.map((s) => [s.key, String(s.value)]));
}

/** The keys whose field differs from what is saved: only these are sent, so a save changes nothing else. */
export function changedKeys(saved: SettingValues, typed: SettingValues): string[] {
  return Object.keys(typed).filter((key) => typed[key] !== saved[key]);
}

/** "Label | address" lines as the reader site reads them; lines that do not parse are left out of the preview. */
export function previewLinks(text: string | undefined): { label: string; href: string }[] {
  return (text ?? '').split('\n').flatMap((raw) => {
    const at = raw.lastIndexOf('|');
    const label = raw.slice(0, at).trim();
    const href = raw.slice(at + 1).trim();
    return at > 0 && label && href ? [{ label, href }] : [];
  });
}

/** The IANA time zones this browser knows, for the searchable list; UTC first, as the default. */
export function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...known.filter((zone) => zone !== 'UTC')];
}

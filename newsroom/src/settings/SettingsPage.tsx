import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Button, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { ApiError, api } from '../api/client';
import { Problem } from '../shell/Problem';
import { LogoField } from './LogoField';
import { SettingField } from './SettingField';
import { SettingsPreview } from './SettingsPreview';
import { changedKeys, type Setting, type SettingValues, useSettings, valuesOf } from './settings-queries';
import { TimeZoneField } from './TimeZoneField';
import './settings.css';
import { BusyButton } from '../shell/BusyButton';

type Problems = Record<string, string>;

/** The refusal of PATCH /settings names every key it refused, each with its problem in words. */
function problemsOf(error: unknown): { fields: Problems; general: string | null } {
  if (!(error instanceof ApiError))
    return { fields: {}, general: error instanceof Error ? error.message : String(error) };
  const listed = Array.isArray(error.details.problems)
    ? (error.details.problems as { field: string; problem: string }[])
    : [];
  if (listed.length === 0) return { fields: {}, general: error.message };
  // Each problem is said beside its field; above the buttons, only that nothing was saved.
  const general = `Nothing was saved: ${listed.length === 1 ? 'one field needs' : `${listed.length} fields need`} changing (marked above).`;
  return { fields: Object.fromEntries(listed.map((p) => [p.field, p.problem])), general };
}

/** Settings: the publication, its navigation, the registration wall and AI crawlers, previewed as readers see them. */
export function SettingsPage() {
  const settings = useSettings();
  if (settings.isPending) return <p className="loading">Loading the settings…</p>;
  if (settings.isError) return <Problem text={settings.error.message} />;
  return <SettingsForm settings={settings.data} />;
}

function SettingsForm({ settings }: { settings: Setting[] }) {
  const queryClient = useQueryClient();
  const saved = valuesOf(settings);
  const [values, setValues] = useState<SettingValues>(saved);
  const [problems, setProblems] = useState<{ fields: Problems; general: string | null }>({
    fields: {},
    general: null,
  });
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const help = Object.fromEntries(settings.map((s) => [s.key, s.help]));
  const changed = changedKeys(saved, values);
  useEffect(() => {
    if (changed.length > 0) setStatus(null);
  }, [changed.length]);

  const field = (key: string, label: string, extra: { multiline?: boolean; type?: 'number' } = {}) => (
    <SettingField
      label={label}
      value={values[key] ?? ''}
      onChange={(value) => setValues((v) => ({ ...v, [key]: value }))}
      help={help[key]}
      problem={problems.fields[key]}
      {...extra}
    />
  );
  const set = (key: string) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (changed.length === 0) return;
    setBusy(true);
    try {
      const body = Object.fromEntries(changed.map((key) => [key, values[key]]));
      const answer = await api<{ settings: Setting[] }>('/settings', { method: 'PATCH', body });
      queryClient.setQueryData(['settings'], answer.settings);
      await queryClient.invalidateQueries({ queryKey: ['publication'] });
      setValues(valuesOf(answer.settings));
      setProblems({ fields: {}, general: null });
      setStatus(
        `Saved ${changed.length === 1 ? 'one change' : `${changed.length} changes`}. Readers see it on their next page.`,
      );
    } catch (error) {
      setProblems(problemsOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="settings-page">
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      <div className="settings-columns">
        <Form className="settings-form" onSubmit={(event) => void save(event)}>
          <fieldset>
            <legend>Publication</legend>
            {field('publication.name', 'Name')}
            {field('publication.description', 'Description')}
            <LogoField
              value={values['publication.logo'] ?? ''}
              onChange={set('publication.logo')}
              help={help['publication.logo']}
              problem={problems.fields['publication.logo']}
            />
            {field('publication.copyright_holder', 'Copyright holder')}
            {field('publication.footer_notice', 'Footer notice', { multiline: true })}
            {field('publication.locale', 'Locale')}
            <TimeZoneField
              value={values['publication.timezone'] ?? 'UTC'}
              onChange={set('publication.timezone')}
              help={help['publication.timezone']}
              problem={problems.fields['publication.timezone']}
            />
          </fieldset>
          <fieldset>
            <legend>Navigation</legend>
            {field('navigation.primary', 'Main navigation', { multiline: true })}
            {field('navigation.footer', 'Footer links', { multiline: true })}
          </fieldset>
          <fieldset>
            <legend>Registration wall</legend>
            {field('wall.free_articles_per_month', 'Free articles a month', { type: 'number' })}
            {field('wall.open_share_percent', 'Open share (percent)', { type: 'number' })}
          </fieldset>
          <fieldset>
            <legend>Editing</legend>
            <RadioGroup
              className="field"
              value={values['newsroom.editing'] ?? 'live'}
              onChange={set('newsroom.editing')}
            >
              <Label>How staff edit headline, dek and body</Label>
              <Radio value="live">Live: several people type at once and see each other</Radio>
              <Radio value="single-writer">
                One writer at a time: a save on an older version is refused and shown beside the newer one
              </Radio>
            </RadioGroup>
            <Problem text={problems.fields['newsroom.editing']} className="field-error" />
          </fieldset>
          <fieldset>
            <legend>AI crawlers</legend>
            <RadioGroup
              className="field"
              value={values['crawlers.ai_training'] ?? 'block'}
              onChange={set('crawlers.ai_training')}
            >
              <Label>AI training</Label>
              <Radio value="block">Block AI crawlers in robots.txt</Radio>
              <Radio value="allow">Allow AI crawlers</Radio>
            </RadioGroup>
            <Problem text={problems.fields['crawlers.ai_training']} className="field-error" />
          </fieldset>
          <Problem text={problems.general} className="form-error" />
          <div className="actions start sticky-actions">
            <BusyButton type="submit" className="primary" isDisabled={changed.length === 0} busy={busy}>
              Save settings
            </BusyButton>
            <Button
              isDisabled={changed.length === 0}
              onPress={() => {
                setValues(saved);
                setProblems({ fields: {}, general: null });
              }}
            >
              Undo changes
            </Button>
            <p role="status" className="saved-note">
              {status ??
                (changed.length > 0
                  ? `${changed.length} unsaved ${changed.length === 1 ? 'change' : 'changes'}`
                  : '')}
            </p>
          </div>
        </Form>
        <SettingsPreview values={values} year={new Date().getFullYear()} />
      </div>
    </div>
  );
}

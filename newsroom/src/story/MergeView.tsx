import { useState } from 'react';
import { Button, Heading, Radio, RadioGroup } from 'react-aria-components';
import type { Article, BodyNode } from '../api/types';
import { alignRows, blocksOf, blockText, type Row, shown } from './compare';
import { changedFields, FIELD_LABELS, type FieldName, fieldsOf, type StoryFields } from './story-fields';

type Keep = 'theirs' | 'yours' | 'both';

/** Fields whose two versions can both be kept: text is joined, lists are united. */
const BOTH_POSSIBLE: FieldName[] = [
  'headline',
  'dek',
  'dateline',
  'tags',
  'authorIds',
  'bylineSuffix',
  'seoHeadline',
  'seoDescription',
];

function combine(name: FieldName, theirs: StoryFields, yours: StoryFields): StoryFields[FieldName] {
  const a = theirs[name];
  const b = yours[name];
  if (Array.isArray(a) && Array.isArray(b)) return [...new Set([...a, ...b])];
  return `${a as string} ${b as string}`.trim();
}

function pickRow(row: Row<BodyNode>, keep: Keep): BodyNode[] {
  if (row.same) return [row.left!];
  const theirs = row.left ? [row.left] : [];
  const yours = row.right ? [row.right] : [];
  return keep === 'theirs' ? theirs : keep === 'yours' ? yours : [...theirs, ...yours];
}

/**
 * A paragraph only one side changed (or added, or removed) takes that side; one both changed keeps both.
 * "Changed by them" means their side is not a paragraph of the version both started from.
 */
function rowDefault(row: Row<BodyNode>, inBase: Set<string>): Keep {
  const known = (node: BodyNode | null) => node !== null && inBase.has(blockText(node));
  const byThem = row.left === null ? known(row.right) : !known(row.left);
  const byMe = row.right === null ? known(row.left) : !known(row.right);
  if (byThem && !byMe) return 'theirs';
  if (byMe && !byThem) return 'yours';
  return 'both';
}

function Choice(props: { label: string; value: Keep; onChange(value: Keep): void; both: boolean }) {
  return (
    <RadioGroup
      aria-label={props.label}
      orientation="horizontal"
      value={props.value}
      onChange={(value) => props.onChange(value as Keep)}
      className="merge-choice"
    >
      <Radio value="theirs">Keep theirs</Radio>
      <Radio value="yours">Keep yours</Radio>
      {props.both && <Radio value="both">Keep both</Radio>}
    </RadioGroup>
  );
}

/**
 * Someone else saved meanwhile: their version and this one side by side, field by field and the body paragraph
 * by paragraph (paragraphs that are the same on both sides are kept as they are). Nothing is thrown away by
 * default: every difference that can keep both does; their version also stays in the article's history.
 */
export function MergeView(props: {
  theirs: Article;
  base: Article;
  yours: StoryFields;
  onMerge(merged: StoryFields): void;
}) {
  const theirs = fieldsOf(props.theirs);
  const base = fieldsOf(props.base);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  // A field only one side changed takes that side's value without asking; only fields both changed are shown.
  const differing = changedFields(theirs, props.yours).filter((n) => n !== 'body');
  const names = differing.filter((n) => !same(props.yours[n], base[n]) && !same(theirs[n], base[n]));
  const mineOnly = differing.filter((n) => same(theirs[n], base[n]));
  const rows = alignRows(blocksOf(theirs.body), blocksOf(props.yours.body), blockText);
  const inBase = new Set(blocksOf(base.body).map(blockText));
  const [keep, setKeep] = useState<Record<string, Keep>>({});
  const keepOf = (key: string, both: boolean): Keep => keep[key] ?? (both ? 'both' : 'yours');
  const rowKeep = (row: Row<BodyNode>, n: number): Keep => keep[`body.${n}`] ?? rowDefault(row, inBase);
  const set = (key: string) => (value: Keep) => setKeep({ ...keep, [key]: value });

  const merge = () => {
    const merged: StoryFields = { ...theirs };
    for (const name of mineOnly) Object.assign(merged, { [name]: props.yours[name] });
    for (const name of names) {
      const choice = keepOf(name, BOTH_POSSIBLE.includes(name));
      const value =
        choice === 'theirs'
          ? theirs[name]
          : choice === 'yours'
            ? props.yours[name]
            : combine(name, theirs, props.yours);
      Object.assign(merged, { [name]: value });
    }
    merged.body = { type: 'doc', content: rows.flatMap((row, n) => pickRow(row, rowKeep(row, n))) };
    props.onMerge(merged);
  };

  let paragraph = 0;
  return (
    <section className="merge-view" aria-labelledby="merge-title">
      <Heading id="merge-title" level={2}>
        Someone else saved this article meanwhile
      </Heading>
      <p>
        Revision {props.theirs.revision} was saved after the version you were editing. Where only one of you
        changed something, that change is kept; where both did, both are kept unless you choose otherwise.
        Nothing is saved until you press “Save merged version”.
      </p>
      {names.map((name) => (
        <div key={name} className="merge-field">
          <h3>{FIELD_LABELS[name]}</h3>
          <div className="merge-sides">
            <div>
              <h4>Their version</h4>
              <p>{shown(theirs[name])}</p>
            </div>
            <div>
              <h4>Your version</h4>
              <p>{shown(props.yours[name])}</p>
            </div>
          </div>
          <Choice
            label={`Keep for ${FIELD_LABELS[name]}`}
            value={keepOf(name, BOTH_POSSIBLE.includes(name))}
            onChange={set(name)}
            both={BOTH_POSSIBLE.includes(name)}
          />
        </div>
      ))}
      {rows.some((row) => !row.same) && <h3>Body</h3>}
      {rows.map((row, n) => {
        paragraph += 1;
        if (row.same) return null;
        const key = `body.${n}`;
        return (
          <div key={key} className="merge-field">
            <h4>Paragraph {paragraph}</h4>
            <div className="merge-sides">
              <div>
                <h4>Their version</h4>
                <p>{row.left ? blockText(row.left) : '(not in their version)'}</p>
              </div>
              <div>
                <h4>Your version</h4>
                <p>{row.right ? blockText(row.right) : '(not in your version)'}</p>
              </div>
            </div>
            <Choice
              label={`Keep for paragraph ${paragraph}`}
              value={rowKeep(row, n)}
              onChange={set(key)}
              both
            />
          </div>
        );
      })}
      <Button className="primary" onPress={merge}>
        Save merged version
      </Button>
    </section>
  );
}

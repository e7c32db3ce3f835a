import { useState } from 'react';
import { Button, Heading, Radio, RadioGroup } from 'react-aria-components';
import type { Article, BodyDocument, BodyNode } from '../api/types';
import { changedFields, FIELD_LABELS, type FieldName, fieldsOf, type StoryFields } from './story-fields';

type Keep = 'theirs' | 'yours' | 'both';

/** Both versions can be kept for text, tags and the body; a section or an access level is one or the other. */
const BOTH_POSSIBLE: FieldName[] = ['headline', 'dek', 'dateline', 'tags', 'body'];

function combine(name: FieldName, theirs: StoryFields, yours: StoryFields): StoryFields[FieldName] {
  switch (name) {
    case 'tags':
      return [...new Set([...theirs.tags, ...yours.tags])];
    case 'body':
      return {
        type: 'doc',
        content: [...(theirs.body.content ?? []), { type: 'horizontalRule' }, ...(yours.body.content ?? [])],
      } satisfies BodyDocument;
    default:
      return `${theirs[name] as string} ${yours[name] as string}`.trim();
  }
}

function blockTexts(body: BodyDocument): string[] {
  const text = (node: BodyNode): string => (node.text ?? '') + (node.content ?? []).map(text).join('');
  return (body.content ?? []).map(text).filter(Boolean);
}

function Shown({ name, fields }: { name: FieldName; fields: StoryFields }) {
  if (name === 'body') {
    return (
      <div className="merge-body">
        {blockTexts(fields.body).map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity of their own
          <p key={index}>{line}</p>
        ))}
      </div>
    );
  }
  const value = fields[name];
  return <p>{Array.isArray(value) ? value.join(', ') : String(value ?? '(none)')}</p>;
}

/**
 * Someone else saved meanwhile: their version and this one side by side, field by field. Nothing is thrown
 * away by default: text fields keep both; their version also stays in the article's revision history.
 */
export function MergeView(props: {
  theirs: Article;
  yours: StoryFields;
  onMerge(merged: StoryFields): void;
}) {
  const theirs = fieldsOf(props.theirs);
  const names = changedFields(theirs, props.yours);
  const [keep, setKeep] = useState<Record<string, Keep>>(() =>
    Object.fromEntries(names.map((n) => [n, BOTH_POSSIBLE.includes(n) ? 'both' : 'yours'])),
  );
  const merge = () => {
    const merged = { ...theirs };
    for (const name of names) {
      const choice = keep[name] ?? 'both';
      const value =
        choice === 'theirs'
          ? theirs[name]
          : choice === 'yours'
            ? props.yours[name]
            : combine(name, theirs, props.yours);
      Object.assign(merged, { [name]: value });
    }
    props.onMerge(merged);
  };
  return (
    <section className="merge-view" aria-labelledby="merge-title">
      <Heading id="merge-title" level={2}>
        Someone else saved this article meanwhile
      </Heading>
      <p>
        Revision {props.theirs.revision} was saved after the version you were editing. Choose what to keep for
        each field that differs; nothing is lost until you save.
      </p>
      {names.map((name) => (
        <div key={name} className="merge-field">
          <h3>{FIELD_LABELS[name]}</h3>
          <div className="merge-sides">
            <div>
              <h4>Their version</h4>
              <Shown name={name} fields={theirs} />
            </div>
            <div>
              <h4>Your version</h4>
              <Shown name={name} fields={props.yours} />
            </div>
          </div>
          <RadioGroup
            aria-label={`Keep for ${FIELD_LABELS[name]}`}
            orientation="horizontal"
            value={keep[name] ?? 'both'}
            onChange={(value) => setKeep({ ...keep, [name]: value as Keep })}
            className="merge-choice"
          >
            <Radio value="theirs">Keep theirs</Radio>
            <Radio value="yours">Keep yours</Radio>
            {BOTH_POSSIBLE.includes(name) && <Radio value="both">Keep both</Radio>}
          </RadioGroup>
        </div>
      ))}
      <Button className="primary" onPress={merge}>
        Save merged version
      </Button>
    </section>
  );
}

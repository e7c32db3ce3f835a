import { Button } from 'react-aria-components';
import { ReaderFrame } from '../shell/ReaderFrame';
import type { StoryFields } from './story-fields';
import { usePreview } from './use-preview';
import './preview.css';

/**
 * What readers will see (issue 13): the reader site's own page for the fields on screen, rendered by the
 * server (POST /articles/:id/preview) and shown in the sandboxed reader frame.
 */
export function PreviewPanel(props: { articleId: string; fields: StoryFields; onClose(): void }) {
  const preview = usePreview(props.articleId, props.fields);
  return (
    <ReaderFrame title="Preview" page={preview}>
      <Button onPress={props.onClose}>Close preview</Button>
    </ReaderFrame>
  );
}

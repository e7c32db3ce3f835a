import { useState } from 'react';
import {
  Button,
  Dialog,
  GridList,
  GridListItem,
  Heading,
  Input,
  Label,
  Modal,
  SearchField,
} from 'react-aria-components';
import type { Media } from '../api/types';
import { PhotoCard } from '../photos/PhotoCard';
import { useMediaSearch } from '../photos/photo-queries';

/** The photo library in a dialog: search by caption, credit or creator (GET /media?q=), Enter chooses. */
export function PhotoLibrary(props: { title: string; onClose(): void; onChoose(media: Media): void }) {
  const [typed, setTyped] = useState('');
  const found = useMediaSearch(typed);
  const photos = found.data ?? [];
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => !open && props.onClose()} className="modal wide">
      <Dialog className="dialog">
        <Heading slot="title">{props.title}</Heading>
        <SearchField className="field" value={typed} onChange={setTyped} autoFocus>
          <Label>Search the library</Label>
          <Input placeholder="caption, credit or photographer" />
        </SearchField>
        <GridList
          aria-label="Photos"
          className="photo-grid"
          layout="grid"
          items={photos}
          onAction={(key) => {
            const media = photos.find((m) => m.id === key);
            if (media) props.onChoose(media);
          }}
          renderEmptyState={() => (
            <p className="empty">{found.isPending ? 'Loading…' : 'No photo matches.'}</p>
          )}
        >
          {(media) => (
            <GridListItem id={media.id} textValue={media.caption || media.originalName}>
              <PhotoCard media={media} />
            </GridListItem>
          )}
        </GridList>
        <div className="actions">
          <Button onPress={props.onClose}>Cancel</Button>
        </div>
      </Dialog>
    </Modal>
  );
}

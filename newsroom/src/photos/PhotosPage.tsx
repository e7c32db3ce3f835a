import { useState } from 'react';
import { GridList, GridListItem, Input, Label, SearchField } from 'react-aria-components';
import { PhotoCard } from './PhotoCard';
import { PhotoDetail } from './PhotoDetail';
import { PhotoUploads } from './PhotoUploads';
import { useMediaSearch } from './photo-queries';
import './photos.css';

/**
 * The photo library (issue 16): upload many photos at once, search by caption, credit and creator, and
 * open one to correct its credits, set its focal point, see its crops and where it runs.
 */
export function PhotosPage() {
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const found = useMediaSearch(typed, 60);
  const photos = found.data ?? [];
  return (
    <div className="photos-page">
      <div className="page-head">
        <h1>Photos</h1>
      </div>
      <div className="photos-columns">
        <div>
          <PhotoUploads />
          <SearchField className="field" value={typed} onChange={setTyped}>
            <Label>Search photos</Label>
            <Input placeholder="caption, credit or photographer" />
          </SearchField>
          {found.error && <p role="alert">{found.error.message}</p>}
          <GridList
            aria-label="Library"
            className="photo-grid library-grid"
            layout="grid"
            items={photos}
            selectionMode="single"
            selectionBehavior="replace"
            selectedKeys={chosen ? [chosen] : []}
            onSelectionChange={(keys) => {
              const [key] = [...(keys === 'all' ? [] : keys)];
              if (key !== undefined) setChosen(String(key));
            }}
            renderEmptyState={() => (
              <p className="empty">{found.isPending ? 'Loading…' : 'No photo matches.'}</p>
            )}
          >
            {(media) => (
              <GridListItem id={media.id} textValue={media.caption || media.originalName}>
                <PhotoCard media={media} />
                {media.variantsStatus === 'failed' && <span className="status">Sizes failed</span>}
              </GridListItem>
            )}
          </GridList>
        </div>
        <div className="photo-side">
          {chosen ? (
            <PhotoDetail id={chosen} onDeleted={() => setChosen(null)} />
          ) : (
            <p className="empty">Choose a photo to see its credits, crops and where it runs.</p>
          )}
        </div>
      </div>
    </div>
  );
}

import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { PHOTO_TYPES, photoUrl, uploadPhoto } from '../photos/photo-files';
import { BusyButton } from '../shell/BusyButton';
import { Problem } from '../shell/Problem';
import { PhotoLibrary } from '../story/photo-library';
import { SettingField } from './SettingField';

/** The logo's address, typed, chosen from the photo library, or uploaded to it first. */
export function LogoField(props: {
  value: string;
  onChange(value: string): void;
  help: string | undefined;
  problem: string | undefined;
}) {
  const [choosing, setChoosing] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<{ busy: boolean; problem: string | null }>({
    busy: false,
    problem: null,
  });
  const take = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setUpload({ busy: true, problem: null });
    try {
      const media = await uploadPhoto(file);
      props.onChange(photoUrl(media, 400) ?? '');
      setUpload({ busy: false, problem: null });
    } catch (error) {
      setUpload({ busy: false, problem: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <div className="logo-field">
      <SettingField
        label="Logo"
        value={props.value}
        onChange={props.onChange}
        help={props.help}
        problem={props.problem}
      />
      <div className="actions start">
        <Button onPress={() => setChoosing(true)}>Choose from the photo library</Button>
        {/* Not React Aria's FileTrigger: it would open the picker on a busy press too. */}
        <BusyButton
          busy={upload.busy}
          onPress={() => {
            // Emptied first, so that choosing the same file again is a change.
            if (picker.current) picker.current.value = '';
            picker.current?.click();
          }}
        >
          Upload a logo
        </BusyButton>
        <input
          ref={picker}
          type="file"
          accept={PHOTO_TYPES.join(',')}
          hidden
          onChange={(event) => void take(event.currentTarget.files)}
        />
      </div>
      <Problem text={upload.problem} className="field-error" />
      {choosing && (
        <PhotoLibrary
          title="Choose the logo"
          onClose={() => setChoosing(false)}
          onChoose={(media) => {
            props.onChange(photoUrl(media, 400) ?? '');
            setChoosing(false);
          }}
        />
      )}
    </div>
  );
}

import { useMemo, useState } from 'react';
import {
  ComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
} from 'react-aria-components';
import { timeZones } from './settings-queries';

/** The paper's time zone, searched by any part of its IANA name ("york" finds America/New_York). */
export function TimeZoneField(props: {
  value: string;
  onChange(zone: string): void;
  help: string | undefined;
  problem: string | undefined;
}) {
  const zones = useMemo(() => timeZones().map((id) => ({ id })), []);
  const [typed, setTyped] = useState(props.value);
  const words = typed.toLowerCase().replaceAll(' ', '_');
  // The whole list when the box shows the chosen zone; otherwise those containing what was typed.
  const shown = typed === props.value ? zones : zones.filter((z) => z.id.toLowerCase().includes(words));
  return (
    <ComboBox
      className="field"
      items={shown.slice(0, 200)}
      inputValue={typed}
      onInputChange={setTyped}
      selectedKey={props.value}
      onSelectionChange={(key) => {
        if (key === null) return;
        props.onChange(String(key));
        setTyped(String(key));
      }}
      // Leaving the box with words that name no zone puts the chosen one back.
      onBlur={() => setTyped(props.value)}
      menuTrigger="input"
      isInvalid={Boolean(props.problem)}
      validationBehavior="aria"
    >
      <Label>Time zone</Label>
      <Input />
      {props.help && (
        <Text slot="description" className="help">
          {props.help}
        </Text>
      )}
      <FieldError className="field-error">{props.problem}</FieldError>
      <Popover className="popover">
        <ListBox<{ id: string }>>{(zone) => <ListBoxItem id={zone.id}>{zone.id}</ListBoxItem>}</ListBox>
      </Popover>
    </ComboBox>
  );
}

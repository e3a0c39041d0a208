import * as React from 'react';
import { Field, Toggle } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useApi } from '../api';
import { usePermissions } from '../hooks/usePermissions';
import { useT } from '../hooks/useT';
import { errorMessage } from '../utils/errors';

interface PauseEntryToggleProps {
  documentId: string;
  paused: boolean;
  onChanged: () => void;
}

/** Personalization on or off for one base entry (settings.pausedEntries); hidden without the settings permissions. */
export function PauseEntryToggle({ documentId, paused, onChanged }: PauseEntryToggleProps) {
  const t = useT();
  const api = useApi();
  const { toggleNotification } = useNotification();
  const { readSettings, updateSettings } = usePermissions();
  const [saving, setSaving] = React.useState(false);
  if (!readSettings || !updateSettings) return null;

  const flip = async () => {
    setSaving(true);
    try {
      // The list is read right before it is written, so a pause made meanwhile elsewhere is kept.
      const { pausedEntries } = await api.settings();
      const others = pausedEntries.filter((id) => id !== documentId);
      await api.updateSettings({ pausedEntries: paused ? others : [...others, documentId] });
      onChanged();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Field.Root
      name="personalize-entry-enabled"
      hint={
        paused
          ? t('pause.hint.paused', 'Paused: every visitor gets this entry as it is.')
          : t('pause.hint.active', 'Visitors get the variant that fits them.')
      }
    >
      <Field.Label>{t('pause.label', 'Personalization for this entry')}</Field.Label>
      <Toggle
        checked={!paused}
        disabled={saving}
        onLabel={t('toggle.on', 'On')}
        offLabel={t('toggle.off', 'Off')}
        onChange={flip}
      />
      <Field.Hint />
    </Field.Root>
  );
}

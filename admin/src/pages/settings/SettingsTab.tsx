import * as React from 'react';
import { Box, Button, Field, Flex, Loader, Toggle, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import type { PersonalizationSettings } from '../../../../shared/contracts/settings';
import { DEFAULT_STAGE_FOR_STEP } from '../../../../plugin/stages';
import { useApi, useRequest } from '../../api';
import { useOptedInTypes } from '../../store';
import { usePermissions } from '../../hooks/usePermissions';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errors';
import { StageMappingEditor } from './StageMappingEditor';
import { WebhooksCard } from './WebhooksCard';

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box background="neutral0" padding={6} hasRadius shadow="tableShadow" tag="section">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography tag="h2" variant="delta">{title}</Typography>
        {children}
      </Flex>
    </Box>
  );
}

/** The switches (global, per type, per entry), the journey-step mapping, and the webhooks of the plugin's events. */
export function SettingsTab() {
  const t = useT();
  const api = useApi();
  const { toggleNotification } = useNotification();
  const { updateSettings: canEdit } = usePermissions();
  const { types } = useOptedInTypes();
  const request = useRequest(() => api.settings(), [api]);
  const [saved, setSaved] = React.useState<PersonalizationSettings>();
  const [busy, setBusy] = React.useState(false);
  const settings = saved ?? request.data;
  const locked = !canEdit || busy;

  const save = async (change: Partial<PersonalizationSettings>) => {
    setBusy(true);
    try {
      setSaved(await api.updateSettings(change));
      toggleNotification({ type: 'success', message: t('settings.saved', 'Settings saved') });
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  if (settings === undefined) {
    if (request.loading) return <Loader>{t('settings.loading', 'Loading settings…')}</Loader>;
    return <Typography textColor="danger600">{request.error === undefined ? '' : errorMessage(request.error)}</Typography>;
  }
  const on = t('toggle.on', 'On');
  const off = t('toggle.off', 'Off');

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      {!canEdit ? <Typography textColor="neutral600">{t('settings.readOnly', 'Your role may read these settings, not change them.')}</Typography> : null}
      <Card title={t('settings.global.title', 'Personalization')}>
        <Field.Root name="personalize-enabled" hint={t('settings.global.hint', 'Off: every visitor gets every entry as it is.')}>
          <Field.Label>{t('settings.global.label', 'Personalization on the whole site')}</Field.Label>
          <Toggle checked={settings.enabled} disabled={locked} onLabel={on} offLabel={off} onChange={() => save({ enabled: !settings.enabled })} />
          <Field.Hint />
        </Field.Root>
      </Card>
      <Card title={t('settings.types.title', 'Content types')}>
        {types !== undefined && types.length === 0 ? (
          <Typography textColor="neutral600">{t('coverage.noTypes', 'No content type is opted in to personalization yet.')}</Typography>
        ) : null}
        {(types ?? []).map((type) => {
          const enabled = !settings.disabledContentTypes.includes(type.uid);
          const others = settings.disabledContentTypes.filter((uid) => uid !== type.uid);
          return (
            <Field.Root key={type.uid} name={`personalize-type-${type.uid}`}>
              <Field.Label>{type.displayName}</Field.Label>
              <Toggle checked={enabled} disabled={locked} onLabel={on} offLabel={off} onChange={() => save({ disabledContentTypes: enabled ? [...others, type.uid] : others })} />
            </Field.Root>
          );
        })}
      </Card>
      <Card title={t('settings.paused.title', 'Paused entries')}>
        {settings.pausedEntries.length === 0 ? (
          <Typography textColor="neutral600">{t('settings.paused.none', 'No entry is paused. Pause one from its edit view.')}</Typography>
        ) : (
          <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
            {settings.pausedEntries.map((documentId) => (
              <Flex tag="li" key={documentId} gap={3} data-testid="paused-entry">
                <Typography style={{ fontFamily: 'monospace' }}>{documentId}</Typography>
                <Button size="S" variant="secondary" disabled={locked} onClick={() => save({ pausedEntries: settings.pausedEntries.filter((id) => id !== documentId) })}>
                  {t('settings.paused.resume', 'Resume')}
                </Button>
              </Flex>
            ))}
          </Flex>
        )}
      </Card>
      <Card title={t('settings.mapping.title', 'Journey steps and stages')}>
        <StageMappingEditor
          mapping={settings.stageForStep ?? DEFAULT_STAGE_FOR_STEP}
          disabled={!canEdit}
          onSave={(stageForStep) => save({ stageForStep })}
        />
      </Card>
      <Card title={t('webhooks.title', 'Webhooks: publish reaches the site')}>
        <WebhooksCard canEdit={canEdit} />
      </Card>
    </Flex>
  );
}

import * as React from 'react';
import { Badge, Checkbox, Flex, Loader, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import type { WebhookSubscription } from '../../../../shared/contracts/admin';
import { useApi, useRequest } from '../../api';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errors';
import { webhookEventLabels } from '../../utils/labels';

/**
 * Which of Strapi's webhooks receive the plugin's events: Strapi's own Settings > Webhooks lists
 * only Strapi's events. A webhook is created there; its events of the plugin are chosen here.
 */
export function WebhooksCard({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const api = useApi();
  const { toggleNotification } = useNotification();
  const request = useRequest(() => api.webhooks(), [api]);
  const [saved, setSaved] = React.useState<Record<string, WebhookSubscription>>({});
  const [busy, setBusy] = React.useState<string>();
  const labels = webhookEventLabels(t);

  if (request.data === undefined) {
    if (request.loading) return <Loader small>{t('webhooks.loading', 'Loading webhooks…')}</Loader>;
    return <Typography textColor="danger600">{request.error === undefined ? '' : errorMessage(request.error)}</Typography>;
  }
  const { events, webhooks } = request.data;

  const toggle = async (webhook: WebhookSubscription, event: string, on: boolean) => {
    setBusy(webhook.id);
    try {
      const next = on ? [...webhook.events, event] : webhook.events.filter((e) => e !== event);
      const updated = await api.updateWebhook(webhook.id, { events: next });
      setSaved((current) => ({ ...current, [webhook.id]: updated }));
      toggleNotification({ type: 'success', message: t('webhooks.saved', 'Webhook {name} saved', { name: webhook.name }) });
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography textColor="neutral600">
        {t(
          'webhooks.hint',
          'Sent when what visitors are served changes (a publish, a segment, a switch, an experiment), with the entries and the cache tags a site or CDN refreshes. Create a webhook in Settings > Webhooks, then choose its events here.'
        )}
      </Typography>
      {webhooks.length === 0 ? (
        <Typography textColor="neutral600">{t('webhooks.none', 'No webhook yet: create one in Settings > Webhooks.')}</Typography>
      ) : null}
      {webhooks.map((listed) => {
        const webhook = saved[listed.id] ?? listed;
        return (
          <Flex key={webhook.id} direction="column" alignItems="stretch" gap={2} data-testid="plugin-webhook" data-webhook={webhook.name}>
            <Flex gap={2} wrap="wrap">
              <Typography fontWeight="bold">{webhook.name}</Typography>
              <Typography variant="pi" textColor="neutral600" style={{ fontFamily: 'monospace' }}>
                {webhook.url}
              </Typography>
              {webhook.isEnabled ? null : <Badge>{t('webhooks.disabled', 'Disabled in Strapi')}</Badge>}
            </Flex>
            <Flex gap={4} wrap="wrap">
              {events.map((event) => (
                <Checkbox
                  key={event}
                  checked={webhook.events.includes(event)}
                  disabled={!canEdit || busy === webhook.id}
                  onCheckedChange={(checked: boolean | 'indeterminate') => toggle(webhook, event, checked === true)}
                >
                  {labels[event as keyof typeof labels] ?? event}
                </Checkbox>
              ))}
            </Flex>
          </Flex>
        );
      })}
    </Flex>
  );
}

import * as React from 'react';
import { Button, Field, Flex, Grid, Modal, NumberInput, SingleSelect, SingleSelectOption, TextInput, Textarea, Typography } from '@strapi/design-system';
import type { SegmentInput, SegmentRecord } from '../../../../shared/contracts/admin';
import { SEGMENT_KINDS } from '../../../../plugin/segments';
import { useApi } from '../../api';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errors';
import { kindLabels } from '../../utils/labels';
import { RuleEditor, checkRule } from './RuleEditor';
import { RuleTester } from './RuleTester';

/** Creates a segment (segment undefined) or edits one, its rule validated as it is typed. */
export function SegmentModal({ segment, onClose, onSaved }: {
  segment?: SegmentRecord;
  onClose: () => void;
  onSaved: (saved: SegmentRecord) => void;
}) {
  const t = useT();
  const api = useApi();
  const [name, setName] = React.useState(segment?.name ?? '');
  const [slug, setSlug] = React.useState(segment?.slug ?? '');
  const [description, setDescription] = React.useState(segment?.description ?? '');
  const [kind, setKind] = React.useState<SegmentInput['kind']>(segment?.kind ?? 'custom');
  const [priority, setPriority] = React.useState<number | undefined>(segment?.priority ?? 0);
  const [reach, setReach] = React.useState<number | undefined>(segment?.estimatedReach ?? undefined);
  const [ruleText, setRuleText] = React.useState(
    segment === undefined ? '{}' : segment.rules === null || segment.rules === undefined ? '' : JSON.stringify(segment.rules, null, 2)
  );
  const [saving, setSaving] = React.useState(false);
  const [error, setError] = React.useState<string>();
  const check = React.useMemo(() => checkRule(ruleText, t), [ruleText, t]);
  const reachInvalid = reach !== undefined && (reach < 0 || reach > 100);
  const canSave = name.trim() !== '' && check.problems.length === 0 && !reachInvalid && !saving;
  const kinds = kindLabels(t);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!canSave) return;
    setSaving(true);
    setError(undefined);
    const body: SegmentInput = {
      name: name.trim(),
      ...(slug.trim() !== '' ? { slug: slug.trim() } : {}),
      description: description.trim() === '' ? null : description,
      kind,
      priority: priority ?? 0,
      estimatedReach: reach ?? null,
      rules: check.rules,
    };
    try {
      onSaved(segment === undefined ? await api.createSegment(body) : await api.updateSegment(segment.documentId, body));
    } catch (err) {
      setError(errorMessage(err));
      setSaving(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={save}>
          <Modal.Header>
            <Modal.Title>{segment === undefined ? t('segmentModal.create', 'New segment') : t('segmentModal.edit', 'Edit {name}', { name: segment.name })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Grid.Root gap={4}>
              <Grid.Item col={6} direction="column" alignItems="stretch">
                <Field.Root name="segment-name" required>
                  <Field.Label>{t('segment.name', 'Name')}</Field.Label>
                  <TextInput value={name} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)} />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} direction="column" alignItems="stretch">
                <Field.Root name="segment-slug" hint={t('segment.slug.hint', 'Blank: made from the name')}>
                  <Field.Label>{t('segment.slug', 'Slug')}</Field.Label>
                  <TextInput value={slug} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSlug(e.target.value)} />
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={4} direction="column" alignItems="stretch">
                <Field.Root name="segment-kind">
                  <Field.Label>{t('segment.kind', 'Kind')}</Field.Label>
                  <SingleSelect value={kind} onChange={(value: string | number) => setKind(value as SegmentInput['kind'])}>
                    {SEGMENT_KINDS.map((k) => <SingleSelectOption key={k} value={k}>{kinds[k]}</SingleSelectOption>)}
                  </SingleSelect>
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={4} direction="column" alignItems="stretch">
                <Field.Root name="segment-priority" hint={t('segment.priority.hint', 'Breaks ties: higher wins')}>
                  <Field.Label>{t('segment.priority', 'Priority')}</Field.Label>
                  <NumberInput value={priority} onValueChange={setPriority} step={1} />
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={4} direction="column" alignItems="stretch">
                <Field.Root name="segment-reach" error={reachInvalid ? t('segment.reach.invalid', 'Between 0 and 100') : undefined} hint={t('segment.reach.hint', 'Share of visitors, 0 to 100, until measured')}>
                  <Field.Label>{t('segment.reach', 'Estimated reach (%)')}</Field.Label>
                  <NumberInput value={reach} onValueChange={setReach} step={1} />
                  {reachInvalid ? <Field.Error /> : <Field.Hint />}
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <Field.Root name="segment-description">
                  <Field.Label>{t('segment.description', 'Description')}</Field.Label>
                  <Textarea value={description} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setDescription(e.target.value)} />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <RuleEditor value={ruleText} onChange={setRuleText} check={check} />
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <RuleTester rules={check.rules} ruleText={ruleText} disabled={check.problems.length > 0 || check.rules === null} />
              </Grid.Item>
            </Grid.Root>
            {error !== undefined ? <Typography textColor="danger600" data-testid="segment-error">{error}</Typography> : null}
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('action.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Flex>
              <Button type="submit" loading={saving} disabled={!canSave}>{t('action.save', 'Save')}</Button>
            </Flex>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
}

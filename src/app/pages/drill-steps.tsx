/**
 * The drill's checklist. A step whose live condition the router reports false
 * (providers not healthy at the baseline, a key still revoked at "verify green") is
 * shown as not met and is checked only with a note saying why (issue #19).
 */
import { useId, useState } from 'react';
import type { DrillView } from '../../core/drill/types.js';

const ROLE_LABEL = { lead: 'drill lead', operator: 'operator', scribe: 'scribe' } as const;

type Step = DrillView['steps'][number];

interface Props {
  drill: DrillView;
  disabled: boolean;
  onCheck(step: string, override?: string): void;
}

export function DrillSteps({ drill, disabled, onCheck }: Props) {
  return (
    <ol className="drill-steps">
      {drill.steps.map((s) => (
        <li key={s.id} className={s.checked_at ? 'done' : s.id === drill.next_step ? 'next' : ''} data-step={s.id} data-met={s.condition ? String(s.condition.met) : ''}>
          <div className="drill-step-row">
            <span className="drill-step-label">
              {s.checked_at ? '✓ ' : ''}
              {s.label} <span className="muted small">({ROLE_LABEL[s.role]}{s.checked_by ? `: ${s.checked_by}` : ''})</span>
            </span>
            {!s.checked_at && (s.condition?.met ?? true) && (
              <button type="button" className="secondary" disabled={disabled} onClick={() => onCheck(s.id)} aria-label={`Mark done: ${s.label}`}>
                Done
              </button>
            )}
          </div>
          <StepCondition step={s} disabled={disabled} onOverride={(note) => onCheck(s.id, note)} />
        </li>
      ))}
    </ol>
  );
}

function StepCondition({ step, disabled, onOverride }: { step: Step; disabled: boolean; onOverride(note: string): void }) {
  const [note, setNote] = useState('');
  const id = useId();
  if (step.override) {
    return (
      <p className="small warn drill-override">
        Checked with the condition not met ({step.override.reason}). Note: {step.override.note}
      </p>
    );
  }
  if (step.checked_at || !step.condition) return null;
  if (step.condition.met) return <p className="small ok">Live check passes: {step.condition.reason}.</p>;
  return (
    <form
      className="drill-override-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (note.trim()) onOverride(note.trim());
      }}
    >
      <p className="small warn">
        <strong>Not met now:</strong> {step.condition.reason}. Fix it first, or check it anyway with a note; the report will say so.
      </p>
      <label htmlFor={id} className="small">
        Why check "{step.label}" anyway?
      </label>
      <input id={id} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} disabled={disabled} />
      <button type="submit" className="secondary" disabled={disabled || !note.trim()} aria-label={`Check anyway: ${step.label}`}>
        Check anyway
      </button>
    </form>
  );
}

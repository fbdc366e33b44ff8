import { useState } from 'react';
import type {
  ClusterAccess, Environment, EnvironmentSpec, EnvironmentType, FieldViolation, Provider, RegionPolicy, ServiceEndpoints,
} from '../../api/types';
import { buttonClass, inputClass, secondaryButtonClass } from '../../components/Card';
import { ErrorState } from '../../components/States';
import { Choice, Field, TextGroup, given, listOf, messagesFor, useDraft, type Parsed } from './forms';

const PROVIDERS: Provider[] = ['azure', 'aws', 'gcp', 'ibm', 'oci', 'onprem'];
const TYPES: EnvironmentType[] = ['cloud', 'hci'];
/** The platform's components as the shipped catalogue names them; an environment may declare others. */
const KNOWN_COMPONENTS = ['besu-validator', 'besu-rpc', 'cacti', 'firefly', 'chainlink-ccip'];
const CLUSTER_FIELDS: { key: keyof ClusterAccess; label: string }[] = [
  { key: 'apiServer', label: 'API server URL' }, { key: 'context', label: 'Context' },
  { key: 'namespace', label: 'Namespace' }, { key: 'credentialsSecret', label: 'Credentials secret (name of a Kubernetes Secret)' },
];
const ENDPOINT_FIELDS: { key: keyof ServiceEndpoints; label: string }[] = [
  { key: 'besuRpc', label: 'Besu RPC' }, { key: 'besuMetrics', label: 'Besu metrics' }, { key: 'cacti', label: 'Cacti' },
  { key: 'firefly', label: 'FireFly' }, { key: 'ccipRouter', label: 'CCIP router (0x address)' }, { key: 'prometheus', label: 'Prometheus' },
];

/** The form's text, turned into an EnvironmentSpec on submit. */
export interface EnvironmentDraft {
  name: string;
  displayName: string;
  description: string;
  provider: Provider;
  type: EnvironmentType;
  regions: string;
  allowedRegions: string;
  deniedRegions: string;
  enabled: boolean;
  components: Record<string, boolean>;
  /** Components the environment declared before the edit: kept in the spec even when off. */
  declared: string[];
  cluster: Record<keyof ClusterAccess, string>;
  endpoints: Record<keyof ServiceEndpoints, string>;
  labels: string;
}

function textsOf<K extends string>(fields: { key: K }[], values: Partial<Record<K, string | null>> | null | undefined): Record<K, string> {
  return Object.fromEntries(fields.map(({ key }) => [key, values?.[key] ?? ''])) as Record<K, string>;
}

/** The given texts only, or undefined when none is: an empty block is left out. */
function givenOnly<K extends string>(texts: Record<K, string>): Partial<Record<K, string>> | undefined {
  const entries = Object.entries(texts).flatMap(([key, text]) => (given(text as string) ? [[key, given(text as string)]] : []));
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

export function draftOf(env?: Environment): EnvironmentDraft {
  const policy = (env?.regionPolicy ?? null) as RegionPolicy | null;
  const components = env?.components ?? {};
  return {
    name: env?.name ?? '',
    displayName: env?.displayName ?? '',
    description: env?.description ?? '',
    provider: (env?.provider ?? 'azure') as Provider,
    type: (env?.type ?? 'cloud') as EnvironmentType,
    regions: (env?.regions ?? []).join(', '),
    allowedRegions: (policy?.allowed ?? []).join(', '),
    deniedRegions: (policy?.denied ?? []).join(', '),
    enabled: env?.enabled ?? true,
    components: { ...Object.fromEntries(KNOWN_COMPONENTS.map((c) => [c, false])), ...components },
    declared: Object.keys(components),
    cluster: textsOf(CLUSTER_FIELDS, env?.cluster as ClusterAccess | null),
    endpoints: textsOf(ENDPOINT_FIELDS, env?.endpoints as ServiceEndpoints | null),
    labels: Object.entries(env?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join('\n'),
  };
}

/** The spec to send, or the faults of the labels text (one key=value a line), which only the form can see. */
export function specOf(draft: EnvironmentDraft): Parsed<EnvironmentSpec> {
  const labels: Record<string, string> = {};
  const lines = draft.labels.split('\n').map((l) => l.trim());
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]) {
      continue;
    }
    const at = lines[i].indexOf('=');
    if (at <= 0) {
      return { fault: `line ${i + 1} is not key=value` };
    }
    labels[lines[i].slice(0, at).trim()] = lines[i].slice(at + 1).trim();
  }
  const allowed = listOf(draft.allowedRegions);
  const denied = listOf(draft.deniedRegions);
  const components = Object.fromEntries(Object.entries(draft.components)
    .filter(([name, on]) => on || draft.declared.includes(name)));
  return {
    request: {
      name: draft.name.trim(),
      displayName: given(draft.displayName),
      description: given(draft.description),
      provider: draft.provider,
      type: draft.type,
      regions: listOf(draft.regions),
      regionPolicy: allowed.length || denied.length ? { allowed, denied } : undefined,
      enabled: draft.enabled,
      components,
      cluster: givenOnly(draft.cluster),
      endpoints: givenOnly(draft.endpoints),
      labels,
    },
  };
}

/** Add (no environment) or edit (the environment's declaration, name fixed: the API does not rename). */
export function EnvironmentForm({ environment, onSubmit, onCancel, pending, error, violations }: {
  environment?: Environment;
  onSubmit: (spec: EnvironmentSpec) => void;
  onCancel: () => void;
  pending: boolean;
  error: unknown;
  violations: FieldViolation[];
}) {
  const { draft, set, fault: labelFault, submit } = useDraft(() => draftOf(environment), specOf, onSubmit);
  const [extraComponent, setExtraComponent] = useState('');
  const text = (key: 'displayName' | 'regions' | 'allowedRegions' | 'deniedRegions') =>
    ({ className: `${inputClass} w-full`, value: draft[key], onChange: (e: { target: { value: string } }) => set({ [key]: e.target.value }) });
  const title = environment ? `Edit ${environment.name}` : 'Add an environment';
  return (
    <form onSubmit={submit} aria-label={title} className="space-y-3 text-sm">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name (lower-case letters, digits, '-')" field="name" violations={violations}>
          <input required maxLength={63} className={`${inputClass} w-full font-mono`} value={draft.name}
            disabled={environment !== undefined} onChange={(e) => set({ name: e.target.value })} />
        </Field>
        <Field label="Display name" field="displayName" violations={violations}><input maxLength={200} {...text('displayName')} /></Field>
        <Field label="Description" field="description" violations={violations} wide>
          <textarea maxLength={2000} className={`${inputClass} w-full`} rows={2} value={draft.description}
            onChange={(e) => set({ description: e.target.value })} />
        </Field>
        <Choice label="Provider" field="provider" violations={violations} value={draft.provider} options={PROVIDERS}
          onChange={(provider) => set({ provider })} />
        <Choice label="Type" field="type" violations={violations} value={draft.type} options={TYPES} onChange={(type) => set({ type })} />
        <Field label="Regions (comma-separated, at least one)" field="regions" violations={violations} wide>
          <input required placeholder="westeurope, northeurope" {...text('regions')} />
        </Field>
        <Field label="Allowed regions (empty: any)" field="regionPolicy.allowed" violations={violations}><input {...text('allowedRegions')} /></Field>
        <Field label="Denied regions" field="regionPolicy.denied" violations={violations}><input {...text('deniedRegions')} /></Field>
      </div>
      <fieldset className="rounded border border-slate-800 p-2">
        <legend className="px-1 text-xs text-slate-400">Components</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {Object.keys(draft.components).map((name) => (
            <label key={name} className="flex items-center gap-1.5">
              <input type="checkbox" checked={draft.components[name]}
                onChange={(e) => set({ components: { ...draft.components, [name]: e.target.checked } })} />
              <span className="font-mono text-xs">{name}</span>
            </label>
          ))}
          <span className="flex items-center gap-1">
            <input aria-label="Another component" placeholder="another component" className={`${inputClass} w-40 font-mono text-xs`}
              value={extraComponent} onChange={(e) => setExtraComponent(e.target.value)} />
            <button type="button" className={secondaryButtonClass} disabled={!extraComponent.trim()} onClick={() => {
              set({ components: { ...draft.components, [extraComponent.trim()]: true } });
              setExtraComponent('');
            }}>Add</button>
          </span>
        </div>
        {messagesFor(violations, 'components').map((m) => <div key={m} className="text-xs text-red-300">{m}</div>)}
      </fieldset>
      <TextGroup summary="Cluster access (without a credentials secret, deployments are dry runs)" field="cluster"
        fields={CLUSTER_FIELDS} values={draft.cluster} violations={violations} onChange={(cluster) => set({ cluster })}
        open={environment?.cluster != null} />
      <TextGroup summary="Service endpoints" field="endpoints" fields={ENDPOINT_FIELDS} values={draft.endpoints}
        violations={violations} onChange={(endpoints) => set({ endpoints })} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Labels (one key=value a line)" field="labels" violations={violations}>
          <textarea rows={3} className={`${inputClass} w-full font-mono text-xs`} value={draft.labels}
            onChange={(e) => set({ labels: e.target.value })} />
          {labelFault && <span className="text-xs text-red-300">{labelFault}</span>}
        </Field>
        <label className="flex items-center gap-1.5 self-start pt-5">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> enabled
        </label>
      </div>
      {error != null && <ErrorState error={error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={secondaryButtonClass} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonClass} disabled={pending}>{environment ? 'Save changes' : 'Add environment'}</button>
      </div>
    </form>
  );
}

import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../api/client';

export function Loading({ what }: { what: string }) {
  return (
    <div role="status" className="flex items-center gap-2 p-4 text-sm text-slate-400">
      <span className="h-3 w-3 animate-spin rounded-full border-2 border-slate-500 border-t-transparent" />
      Loading {what}…
    </div>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const text = error instanceof ApiError
    ? `${error.problem.title ?? 'Error'} (${error.status || 'network'}): ${error.message}`
    : String(error);
  return (
    <div role="alert" className="m-2 rounded border border-red-800 bg-red-950/60 p-3 text-sm text-red-200">
      <span>{text}</span>
      {retry && (
        <button type="button" onClick={retry} className="ml-3 rounded border border-red-700 px-2 py-0.5 text-xs hover:bg-red-900">
          Retry
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="p-4 text-sm italic text-slate-500">{children}</p>;
}

/** Renders loading, error or empty states for a query, or the content once its data is there. */
export function QueryView<T>({ query, what, isEmpty, empty, children }: {
  query: UseQueryResult<T>;
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return <Loading what={what} />;
  }
  if (query.isError) {
    return <ErrorState error={query.error} retry={() => query.refetch()} />;
  }
  if (isEmpty?.(query.data)) {
    return <Empty>{empty ?? `No ${what}.`}</Empty>;
  }
  return <>{children(query.data)}</>;
}

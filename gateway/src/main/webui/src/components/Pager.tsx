import { secondaryButtonClass } from './Card';

/** Previous and next over a ResultPage's pages (numbered from 0 as the API counts them). */
export function Pager({ page, size, total, onPage, label }: {
  page: number;
  size: number;
  total: number;
  onPage: (page: number) => void;
  label: string;
}) {
  return (
    <div role="group" aria-label={label} className="mt-2 flex items-center gap-2 text-xs text-slate-400">
      <button type="button" className={secondaryButtonClass} disabled={page === 0} onClick={() => onPage(page - 1)}>Previous</button>
      page {page + 1} of {Math.max(1, Math.ceil(total / size))}
      <button type="button" className={secondaryButtonClass} disabled={(page + 1) * size >= total} onClick={() => onPage(page + 1)}>Next</button>
    </div>
  );
}

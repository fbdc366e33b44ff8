import { useCallback, useRef, useState, type ReactNode } from 'react';

/**
 * A panel the user resizes by dragging its edge: the navigation panel (its right edge, width) and the bottom
 * panel (its top edge, height). The size is remembered per panel.
 */
export function ResizablePanel({ id, edge, initial, min, max, className = '', children }: {
  id: string;
  edge: 'right' | 'top';
  initial: number;
  min: number;
  max: number;
  className?: string;
  children: ReactNode;
}) {
  const [size, setSize] = useState<number>(() => {
    const stored = Number(localStorage.getItem(`portal.panel.${id}`));
    return stored >= min && stored <= max ? stored : initial;
  });
  const start = useRef<{ pointer: number; size: number } | null>(null);

  const onPointerDown = useCallback((event: React.PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    start.current = { pointer: edge === 'right' ? event.clientX : event.clientY, size };
  }, [edge, size]);

  const onPointerMove = useCallback((event: React.PointerEvent<HTMLDivElement>) => {
    if (!start.current) {
      return;
    }
    const moved = edge === 'right' ? event.clientX - start.current.pointer : start.current.pointer - event.clientY;
    setSize(Math.max(min, Math.min(max, start.current.size + moved)));
  }, [edge, min, max]);

  const onPointerUp = useCallback(() => {
    start.current = null;
    localStorage.setItem(`portal.panel.${id}`, String(size));
  }, [id, size]);

  const horizontal = edge === 'right';
  const handle = (
    <div
      role="separator"
      aria-orientation={horizontal ? 'vertical' : 'horizontal'}
      aria-label={`Resize ${id}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      className={horizontal
        ? 'w-1 shrink-0 cursor-col-resize bg-slate-800 hover:bg-sky-700'
        : 'h-1 shrink-0 cursor-row-resize bg-slate-800 hover:bg-sky-700'}
    />
  );
  return (
    <div className={`flex shrink-0 ${horizontal ? 'flex-row' : 'flex-col'} ${className}`}
      style={horizontal ? { width: size } : { height: size }}>
      {!horizontal && handle}
      <div className="min-h-0 min-w-0 flex-1 overflow-auto">{children}</div>
      {horizontal && handle}
    </div>
  );
}

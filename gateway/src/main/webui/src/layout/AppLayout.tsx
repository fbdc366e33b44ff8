import { useState } from 'react';
import { Outlet } from 'react-router-dom';
import { Header } from './Header';
import { NavigationPanel } from './NavigationPanel';
import { BottomPanel } from './BottomPanel';
import { ResizablePanel } from './ResizablePanel';

export function AppLayout() {
  const [navigationOpen, setNavigationOpen] = useState(() => window.innerWidth >= 900);
  return (
    <div className="flex h-full flex-col">
      <Header onToggleNavigation={() => setNavigationOpen((open) => !open)} />
      <div className="flex min-h-0 flex-1">
        {navigationOpen && (
          <ResizablePanel id="navigation" edge="right" initial={200} min={140} max={360}>
            <NavigationPanel />
          </ResizablePanel>
        )}
        <div className="flex min-w-0 flex-1 flex-col">
          <main className="min-h-0 flex-1 overflow-auto p-4">
            <Outlet />
          </main>
          <ResizablePanel id="live-events" edge="top" initial={150} min={60} max={480}>
            <BottomPanel />
          </ResizablePanel>
        </div>
      </div>
    </div>
  );
}

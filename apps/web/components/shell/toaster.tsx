'use client';
// Toasts for results and errors, on every screen.
import { Toaster as Sonner } from 'sonner';

export function Toaster() {
  return <Sonner position="bottom-right" richColors closeButton theme="system" />;
}

'use client';
// Toasts for results and errors, on every screen. The text direction is given (the app is in
// English, left to right): without it sonner asks getComputedStyle(<html>) on every render, which
// forces a style pass in the middle of the first page's render.
import { Toaster as Sonner } from 'sonner';

export function Toaster() {
  return <Sonner position="bottom-right" richColors closeButton theme="system" dir="ltr" />;
}

'use client';
import { useMe } from '~/lib/use-me';

export function useIsAdmin(): boolean {
  return useMe()?.user.role === 'admin';
}

import { cn } from '@virtdeck/ui';
import { forwardRef, type ButtonHTMLAttributes } from 'react';

// One accent for the primary action, quiet secondary buttons, red only for what destroys.
const base =
  'inline-flex items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--color-accent)] disabled:pointer-events-none disabled:opacity-50';

const variants = {
  primary: 'bg-[var(--color-accent)] text-white hover:brightness-110',
  secondary:
    'border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800',
  ghost: 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800',
  danger: 'bg-red-600 text-white hover:bg-red-700',
  'danger-ghost': 'text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950',
} as const;

const sizes = { sm: 'h-7 px-2 text-xs', md: 'h-8 px-3 text-sm' } as const;

export interface ButtonStyle {
  variant?: keyof typeof variants;
  size?: keyof typeof sizes;
}

export const buttonStyle = ({ variant = 'secondary', size = 'md' }: ButtonStyle = {}) => cn(base, variants[variant], sizes[size]);

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & ButtonStyle;

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ className, variant, size, type = 'button', ...props }, ref) {
  return <button ref={ref} type={type} className={cn(buttonStyle({ variant, size }), className)} {...props} />;
});

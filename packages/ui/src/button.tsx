// The one button of the dashboard: one accent for the primary action, quiet secondary buttons,
// red only for what destroys (solid to confirm it, outlined to start it), a visible focus ring.
// `pending` shows a spinner and disables the button while its action runs.
import { cva, type VariantProps } from 'class-variance-authority';
import { forwardRef, type ButtonHTMLAttributes } from 'react';
import { cn } from './cn';

export const buttonStyle = cva(
  'inline-flex items-center justify-center gap-1.5 rounded-md border font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--color-accent)] disabled:cursor-not-allowed disabled:opacity-50',
  {
    variants: {
      variant: {
        primary: 'border-transparent bg-[var(--color-accent)] text-white hover:brightness-110',
        secondary:
          'border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800',
        ghost: 'border-transparent text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800',
        danger: 'border-transparent bg-red-600 text-white hover:bg-red-700',
        'danger-outline':
          'border-red-300 bg-white text-red-700 hover:bg-red-50 dark:border-red-900 dark:bg-zinc-900 dark:text-red-300 dark:hover:bg-red-950',
        'danger-ghost': 'border-transparent text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950',
      },
      size: { sm: 'h-7 px-2 text-xs', md: 'h-8 px-3 text-sm' },
    },
    defaultVariants: { variant: 'secondary', size: 'md' },
  },
);

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, VariantProps<typeof buttonStyle> {
  pending?: boolean;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { className, variant, size, pending = false, disabled, type = 'button', children, ...props },
  ref,
) {
  return (
    <button ref={ref} type={type} disabled={disabled || pending} aria-busy={pending || undefined} className={cn(buttonStyle({ variant, size }), className)} {...props}>
      {pending ? <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" /> : null}
      {children}
    </button>
  );
});

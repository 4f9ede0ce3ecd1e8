// The error state every screen shows.
export function ErrorState({ title, message }: { title: string; message: string }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
      <p className="font-medium">{title}</p>
      <p className="mt-1 font-mono text-xs">{message}</p>
    </div>
  );
}

// A row of radio buttons (a segmented control) for one of a few choices.
export function ChoiceGroup<T extends string>({ legend, name, value, options, onChange }: { legend: string; name: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="inline-flex flex-wrap rounded-md border border-zinc-300 p-0.5 text-sm dark:border-zinc-700">
        {options.map((o) => (
          <label
            key={o.value}
            className="cursor-pointer rounded px-3 py-1 has-[:checked]:bg-[var(--color-accent)] has-[:checked]:text-white has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-[var(--color-accent)]"
          >
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} className="sr-only" />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

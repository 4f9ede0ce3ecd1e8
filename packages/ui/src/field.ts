// The form field family, one component per file: the frame, a text input, a native select.
export { FieldShell, fieldProps, inputStyle } from './field-shell';
export { Field } from './text-field';
export { SelectField } from './select-field';

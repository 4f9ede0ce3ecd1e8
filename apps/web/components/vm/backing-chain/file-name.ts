// The last step of a host path: how a chain layer or an overlay is named on screen.
export const fileNameOf = (p: string) => p.split('/').pop() ?? p;

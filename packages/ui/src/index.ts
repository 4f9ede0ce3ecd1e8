export { cn } from './cn';
export { Button, buttonStyle, type ButtonProps } from './button';
export { Card } from './card';
export { StateBadge } from './state-badge';
export { Skeleton, EmptyState, ErrorState } from './states';
export { domainStateLabel, domainStateTone, type DomainState } from './domain-state';

import React from 'react';
import Icon from './icons.jsx';

// The few building blocks the tabs share, styled by styles.css. Extra props (data-test-subj, aria-*, ...)
// pass through to the underlying element, so tests and assistive technology see plain HTML.
export function Button({ primary, small, loading, disabled, icon, children, className = '', ...rest }) {
  return (
    <button type="button" className={`button${primary ? ' primary' : ''}${small ? ' small' : ''} ${className}`}
      aria-busy={loading ? 'true' : undefined} disabled={disabled || loading} {...rest}>
      {loading ? <Spinner /> : icon && <Icon name={icon} />}
      {children}
    </button>
  );
}

export function IconButton({ icon, label, className = '', ...rest }) {
  return (
    <button type="button" className={`iconButton ${className}`} aria-label={label} title={label} {...rest}>
      <Icon name={icon} />
    </button>
  );
}

// A text input with an optional label glued to its left, as in Kibana's query bar.
export function TextField({ prepend, icon, invalid, className = '', ...rest }) {
  return (
    <div className={`field${invalid ? ' invalid' : ''} ${className}`}>
      {prepend && <span className="prepend">{prepend}</span>}
      {icon && <span className="fieldIcon"><Icon name={icon} /></span>}
      <input type="text" aria-invalid={invalid ? 'true' : undefined} {...rest} />
    </div>
  );
}

export function Callout({ color = 'danger', title, children, ...rest }) {
  return (
    <div className={`callout ${color}`} role={color === 'danger' ? 'alert' : 'status'} {...rest}>
      <div className="calloutTitle">{title}</div>
      {children && <div className="calloutBody">{children}</div>}
    </div>
  );
}

export function Badge({ color = 'default', onRemove, removeLabel, children, ...rest }) {
  return (
    <span className={`badge ${color}`} {...rest}>
      {children}
      {onRemove && (
        <button type="button" className="badgeRemove" aria-label={removeLabel} title={removeLabel} onClick={onRemove}>
          <Icon name="cross" size={12} />
        </button>
      )}
    </span>
  );
}

export function Spinner({ large }) {
  return <span className={`spinner${large ? ' large' : ''}`} role="progressbar" aria-label="Loading" />;
}

const HEALTH_COLOURS = { up: 'success', green: 'success', starting: 'warning', yellow: 'warning', down: 'danger', red: 'danger' };

// A coloured dot before a status word.
export function Health({ status, children, ...rest }) {
  return (
    <span className={`health ${HEALTH_COLOURS[status] || 'subdued'}`} {...rest}>
      <span className="dot" aria-hidden="true" />
      {children ?? status}
    </span>
  );
}

export function Panel({ className = '', children, ...rest }) {
  return <div className={`panel ${className}`} {...rest}>{children}</div>;
}

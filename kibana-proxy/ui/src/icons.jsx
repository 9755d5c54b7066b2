import React from 'react';

// A handful of 16-pixel line icons, drawn here so the UI needs no icon library. Strokes use currentColor,
// so an icon takes the colour of the button or text around it.
const SHAPES = {
  chevronRight: <path d="M6 3.5 10.5 8 6 12.5" />,
  chevronDown: <path d="M3.5 6 8 10.5 12.5 6" />,
  plusCircle: <><circle cx="8" cy="8" r="6" /><path d="M8 5v6M5 8h6" /></>,
  minusCircle: <><circle cx="8" cy="8" r="6" /><path d="M5 8h6" /></>,
  magnify: <><circle cx="7" cy="7" r="4.5" /><path d="m10.5 10.5 3.5 3.5" /></>,
  magnifyPlus: <><circle cx="7" cy="7" r="4.5" /><path d="m10.5 10.5 3.5 3.5M7 5v4M5 7h4" /></>,
  magnifyMinus: <><circle cx="7" cy="7" r="4.5" /><path d="m10.5 10.5 3.5 3.5M5 7h4" /></>,
  cross: <path d="m4.5 4.5 7 7M11.5 4.5l-7 7" />,
  calendar: <><rect x="2.5" y="3.5" width="11" height="10" rx="1" /><path d="M2.5 6.5h11M5.5 2v3M10.5 2v3" /></>,
  popout: <path d="M9.5 2.5h4v4M13.5 2.5 7.5 8.5M11.5 9.5v4h-9v-9h4" />,
};

export default function Icon({ name, size = 16 }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor"
      strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {SHAPES[name]}
    </svg>
  );
}

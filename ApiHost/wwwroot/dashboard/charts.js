'use strict';

// Line charts on <canvas>, drawn by hand so the page needs no library, no build step and no network. A series is one
// value a second, oldest first; null is a second without data (no request to take a latency from) and leaves a gap.
const Charts = (() => {
  const margin = { left: 42, right: 8, top: 20, bottom: 16 };

  // The axis ends at 1, 2 or 5 times a power of ten, so its label reads as a round number.
  function niceCeiling(value) {
    const power = 10 ** Math.floor(Math.log10(value));
    return [1, 2, 5, 10].map(step => step * power).find(bound => bound >= value);
  }

  function format(value, spec) {
    const digits = Number.isInteger(value) ? 0 : spec.digits;
    return value.toFixed(digits) + (spec.unit ? ` ${spec.unit}` : '');
  }

  // Sized to the canvas' CSS box times the pixel ratio, so lines stay sharp on any screen.
  function context(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth, height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    return { g, width, height };
  }

  function draw(canvas, spec, values, windowSeconds) {
    const { g, width, height } = context(canvas);
    const plot = { width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };
    const present = values.filter(value => value !== null);
    const top = niceCeiling(Math.max(spec.minTop ?? 1, ...present));
    const current = present.length ? present[present.length - 1] : null;

    g.font = '12px system-ui, sans-serif';
    g.textBaseline = 'top';
    g.fillStyle = '#1f2328';
    g.textAlign = 'left';
    g.fillText(spec.title, margin.left, 3);
    g.textAlign = 'right';
    g.font = '600 12px system-ui, sans-serif';
    g.fillText(current === null ? '–' : format(current, spec), width - margin.right, 3);

    const x0 = margin.left, y0 = margin.top + plot.height;
    g.strokeStyle = '#d0d7de';
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(x0 + 0.5, margin.top);
    g.lineTo(x0 + 0.5, y0 + 0.5);
    g.lineTo(x0 + plot.width, y0 + 0.5);
    g.stroke();

    g.font = '10px system-ui, sans-serif';
    g.fillStyle = '#656d76';
    g.textBaseline = 'middle';
    g.fillText(format(top, spec), x0 - 4, margin.top);
    g.fillText('0', x0 - 4, y0);
    g.textBaseline = 'top';
    g.fillText('now', x0 + plot.width, y0 + 3);
    g.textAlign = 'left';
    g.fillText(`-${windowSeconds} s`, x0 + 2, y0 + 3);

    const step = plot.width / Math.max(1, windowSeconds - 1);
    const point = (value, index) => [x0 + plot.width - (values.length - 1 - index) * step, y0 - (value / top) * plot.height];
    g.strokeStyle = g.fillStyle = spec.color;
    g.lineWidth = 1.5;
    g.beginPath();
    let drawing = false;
    values.forEach((value, index) => {
      if (value === null) { drawing = false; return; }
      const [x, y] = point(value, index);
      if (drawing) g.lineTo(x, y); else g.moveTo(x, y);
      drawing = true;
    });
    g.stroke();
    // A second between two gaps has no line to be part of: a dot shows it.
    values.forEach((value, index) => {
      if (value === null || (values[index - 1] ?? null) !== null || (values[index + 1] ?? null) !== null) return;
      const [x, y] = point(value, index);
      g.fillRect(x - 1.5, y - 1.5, 3, 3);
    });
  }

  return { draw };
})();

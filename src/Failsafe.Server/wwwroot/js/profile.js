// The profile form of onboarding and Settings (App/Welcome/ProfileFields.razor): the time zone from this browser,
// bodyweight and equipment that follow the unit, then PUT /api/profile (and, on onboarding, POST /api/plans) in one
// submit. Every error the API names is shown in words beside the button, its fields marked; nothing typed is lost.
import { api, ApiError, formJson, showErrors, clearErrors } from './api.js';

const KG_PER_LB = 0.45359237;
const forms = () => document.querySelectorAll('form[data-profile]');
const round = (x, places) => Math.round(x * 10 ** places) / 10 ** places;
const squeeze = (text) => String(text ?? '').replace(/\s+/g, '');

function init() {
  for (const form of forms()) {
    const zone = form.elements.timeZone;
    const list = zone && document.getElementById(zone.getAttribute('list'));
    if (list && list.childElementCount === 0 && Intl.supportedValuesOf) {
      list.replaceChildren(...Intl.supportedValuesOf('timeZone').map((id) => Object.assign(document.createElement('option'), { value: id })));
    }
    if (zone && !zone.value) zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
    form.dataset.unit = unit(form);
    const gear = form.elements['equipment.unit'];
    if (gear) gear.dataset.current = gear.value;
    // Sent by this script only: the button waits for it, so a tap while it loads cannot submit the form natively.
    for (const button of form.querySelectorAll('button[data-ready]')) button.disabled = false;
  }
}

const unit = (form) => form.querySelector('input[name="unit"]:checked')?.value ?? 'kg';

// ---- the unit ----------------------------------------------------------------------------------------------------
function standard(form, gearUnit) {
  return JSON.parse(form.querySelector('.gear')?.dataset[gearUnit === 'lb' ? 'standardLb' : 'standardKg'] ?? '{}');
}

const gearFields = ['bar', 'plates', 'microPlates', 'dumbbells', 'machineStep'];

/** True while the equipment fields still hold the standard gym of <gearUnit> (the lifter changed nothing). */
function isStandard(form, gearUnit) {
  const std = standard(form, gearUnit);
  return gearFields.every((f) => squeeze(form.elements[`equipment.${f}`]?.value) === squeeze(std[f]));
}

function fillStandard(form, gearUnit) {
  const std = standard(form, gearUnit);
  for (const f of gearFields) {
    const el = form.elements[`equipment.${f}`];
    if (el) el.value = std[f] ?? '';
  }
}

function switchUnit(form, to) {
  const from = form.dataset.unit;
  if (!from || from === to) return;
  // The same body in the other unit.
  const bodyweight = form.querySelector('[data-field="bodyweightKg"]');
  const value = Number(bodyweight?.value);
  if (bodyweight?.value && Number.isFinite(value)) bodyweight.value = String(round(to === 'lb' ? value / KG_PER_LB : value * KG_PER_LB, 1));
  for (const label of form.querySelectorAll('[data-unit-label]')) label.textContent = `(${to})`;
  // Equipment the lifter never changed follows the unit; plates they listed keep their own unit.
  const gear = form.elements['equipment.unit'];
  if (gear && gear.value === from && isStandard(form, from)) {
    gear.value = to;
    switchGear(form, to);
  }
  form.dataset.unit = to;
}

function switchGear(form, to) {
  const gear = form.elements['equipment.unit'];
  const from = gear.dataset.current;
  if (from && from !== to && isStandard(form, from)) fillStandard(form, to);
  for (const label of form.querySelectorAll('[data-gear-label]')) label.textContent = `(${to})`;
  gear.dataset.current = to;
}

document.addEventListener('change', (event) => {
  const el = event.target;
  const form = el.form;
  if (!form?.dataset.profile) return;
  if (el.name === 'unit') switchUnit(form, el.value);
  else if (el.name === 'equipment.unit') switchGear(form, el.value);
});

// ---- the API's JSON ----------------------------------------------------------------------------------------------
/** The profile as PUT /api/profile takes it: bodyweight in kg, weight lists as lists, stack steps as an object. */
function profileJson(form) {
  const body = formJson(form);
  const bodyweight = form.querySelector('[data-field="bodyweightKg"]');
  if (bodyweight?.value.trim()) {
    const value = Number(bodyweight.value);
    body.bodyweightKg = unit(form) === 'lb' ? round(value * KG_PER_LB, 3) : value;
  }
  // Lists of names (the lifts to chart), separated by semicolons; empty is an empty list.
  for (const el of form.querySelectorAll('[data-names]')) body[el.name] = el.value.split(';').map((x) => x.trim()).filter((x) => x.length > 0);
  if (body.equipment) {
    for (const el of form.querySelectorAll('[data-weights]')) {
      const key = el.name.split('.').at(-1);
      const items = el.value.split(/[,;\s]+/).filter((x) => x.length > 0);
      if (items.length > 0) body.equipment[key] = items;
      else if (el.dataset.keepEmpty) body.equipment[key] = [];
      else delete body.equipment[key];
    }
    for (const el of form.querySelectorAll('[data-json]')) {
      const key = el.name.split('.').at(-1);
      try { body.equipment[key] = JSON.parse(el.value || '{}'); } catch { delete body.equipment[key]; }
    }
  }
  return body;
}

// ---- errors --------------------------------------------------------------------------------------------------------
/** The elements a field of the API's errors is about (a radio group's radios, a fieldset, an input). */
function elementsOf(form, field) {
  for (let name = field; name; name = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '') {
    const found = form.querySelectorAll(`[name="${CSS.escape(name)}"], [data-field="${CSS.escape(name)}"]`);
    if (found.length > 0) return [...found];
  }
  return [];
}

/** A field in the words the lifter sees: its label, or its group's legend. */
function wordsFor(form, field, elements) {
  const first = elements.find((e) => e.type !== 'hidden');
  const group = first?.closest('fieldset');
  const label = first?.id ? form.querySelector(`label[for="${first.id}"]`) : null;
  const text = (label ?? group?.querySelector('legend'))?.textContent.replace(/\s+/g, ' ').trim();
  return text || field;
}

function showProblem(form, error, prefix = '') {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  if (!(error instanceof ApiError)) {
    showErrors(form, error);
    return;
  }
  const messages = [];
  const marked = [];
  for (const [key, list] of Object.entries(error.problem.errors ?? {})) {
    for (const message of list) {
      // Equipment's messages name the part: "equipment.bar: 500 kg is not a bar weight (0–50 kg)".
      const part = key === 'equipment' ? /^(equipment\.[\w.]+): ([\s\S]*)$/.exec(message) : null;
      const field = part ? part[1] : key;
      const elements = elementsOf(form, field);
      let words = wordsFor(form, field, elements);
      if (field === 'bodyweightKg' && unit(form) === 'lb') {
        const entered = form.querySelector('[data-field="bodyweightKg"]')?.value;
        words = `Bodyweight (${entered} lb is ${round(Number(entered) * KG_PER_LB, 1)} kg)`;
      }
      messages.push(`${prefix}${words}: ${part ? part[2] : message}`);
      marked.push(...elements);
    }
  }
  if (messages.length === 0) messages.push(prefix + error.message);
  showErrors(form, new ApiError(error.status, { errors: { Profile: messages } }));
  for (const el of marked) {
    const folded = el.closest('details');
    if (folded) folded.open = true;
    // The fields themselves are marked (a group's inputs, not its fieldset, which takes no aria-invalid).
    if (el.type !== 'hidden' && el.tagName !== 'FIELDSET') el.setAttribute('aria-invalid', 'true');
  }
}

/** Number fields the browser could not read (it would send them as empty): named before anything is sent. */
function unreadable(form) {
  return [...form.querySelectorAll('input[type="number"]')].filter((el) => el.validity.badInput);
}

// ---- saving --------------------------------------------------------------------------------------------------------
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.profile) return;
  event.preventDefault();
  clearErrors(form);
  // What the browser knows is wrong before asking: a number it cannot read (it would send nothing), no training day.
  const errors = Object.fromEntries(unreadable(form).map((el) => [el.dataset.field ?? el.name, ['is not a number']]));
  if (form.querySelector('input[name="trainingDays"]') && !form.querySelector('input[name="trainingDays"]:checked')) {
    errors.trainingDays = ['tick at least one day'];
  }
  if (Object.keys(errors).length > 0) {
    showProblem(form, new ApiError(400, { errors }));
    return;
  }
  const button = event.submitter;
  if (button) button.disabled = true;
  const saved = document.getElementById(`${form.id}-saved`);
  if (saved) saved.textContent = '';
  try {
    let stored;
    try {
      stored = await api('PUT', '/api/profile', profileJson(form));
    } catch (error) {
      showProblem(form, error);
      return;
    }
    const plan = form.elements.__newPlan;
    if (form.dataset.profile === 'onboarding' && plan && (plan.type !== 'checkbox' || plan.checked)) {
      const weeks = form.elements.__weeks?.value.trim();
      try {
        await api('POST', '/api/plans', weeks ? { weeks: Number(weeks) } : {});
      } catch (error) {
        showProblem(form, error, 'Your answers are saved, but the plan was not made. ');
        return;
      }
    }
    if (form.dataset.next) {
      location.assign(form.dataset.next);
      return;
    }
    // The time zone as stored (its canonical spelling); every other field already shows what was saved.
    if (form.elements.timeZone && stored?.timeZone) form.elements.timeZone.value = stored.timeZone;
    if (saved) saved.textContent = 'Saved.';
  } finally {
    if (button) button.disabled = false;
  }
});

document.addEventListener('input', (event) => {
  const form = event.target.form;
  if (!form?.dataset.profile) return;
  const saved = document.getElementById(`${form.id}-saved`);
  if (saved) saved.textContent = '';
});

document.addEventListener('page:updated', init);
init();

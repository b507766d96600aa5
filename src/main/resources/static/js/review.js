// Keyboard shortcuts and small behaviours of the review pages. Keys are ignored while typing in a field, except
// Ctrl+Enter (submit the form) and Escape (close it).
(function () {
  'use strict';

  // The queue is not refreshed while the reviewer has selected drafts for bulk approval.
  window.reviewQueueBusy = function () {
    return document.querySelector('#queue input[name=draftIds]:checked') !== null;
  };

  var selectedDraft = null;

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll('#queue tr[data-draft-id]'));
  }

  function select(index) {
    var all = rows();
    if (all.length === 0) { return; }
    index = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (row) { row.classList.remove('selected'); });
    all[index].classList.add('selected');
    all[index].scrollIntoView({ block: 'nearest' });
    selectedDraft = all[index].getAttribute('data-draft-id');
  }

  function selectedIndex() {
    return rows().findIndex(function (row) { return row.getAttribute('data-draft-id') === selectedDraft; });
  }

  function toggle(id) {
    var element = document.getElementById(id);
    if (!element) { return; }
    element.hidden = !element.hidden;
    if (!element.hidden) {
      var field = element.querySelector('textarea, select, input:not([type=hidden])');
      if (field) { field.focus(); }
    }
  }

  function click(key) {
    var button = document.querySelector('#workspace [data-key="' + key + '"]');
    if (button) { button.click(); return true; }
    return false;
  }

  document.addEventListener('click', function (event) {
    var toggler = event.target.closest('[data-toggle]');
    if (toggler) { toggle(toggler.getAttribute('data-toggle')); }
    var cite = event.target.closest('sup');
    if (cite) {
      var number = cite.textContent.replace(/[^0-9]/g, '');
      document.querySelectorAll('.passages li').forEach(function (li) { li.classList.remove('lit'); });
      var passage = document.getElementById('passage-' + number);
      if (passage) { passage.classList.add('lit'); passage.scrollIntoView({ block: 'nearest' }); }
    }
  });

  // Keep the keyboard selection across the queue's refreshes.
  document.addEventListener('htmx:afterSwap', function () {
    if (selectedDraft !== null && selectedIndex() >= 0) { select(selectedIndex()); }
  });

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && typing && target.form) {
      event.preventDefault();
      target.form.requestSubmit();
      return;
    }
    if (event.key === 'Escape') {
      document.querySelectorAll('.drawer').forEach(function (drawer) { drawer.hidden = true; });
      if (typing) { target.blur(); }
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var onQueue = document.getElementById('queue') !== null;
    var handled = true;
    switch (event.key) {
      case 'j': if (onQueue) { select(selectedIndex() + 1); } else { handled = false; } break;
      case 'k': if (onQueue) { select(selectedIndex() - 1); } else { handled = false; } break;
      case 'Enter': case 'o':
        if (onQueue && selectedDraft !== null) { window.location.href = '/review/' + selectedDraft; } else { handled = false; }
        break;
      case 'x':
        if (onQueue && selectedIndex() >= 0) {
          var box = rows()[selectedIndex()].querySelector('input[name=draftIds]');
          if (box && !box.disabled) { box.checked = !box.checked; }
        } else { handled = false; }
        break;
      case 'b': if (onQueue) { var form = document.getElementById('bulk-form'); if (form) { form.requestSubmit(); } } else { handled = false; } break;
      case '/': var filter = document.querySelector('[data-testid=filter-campaign]'); if (filter) { filter.focus(); } else { handled = false; } break;
      case 'c': handled = click('c'); break;
      case 'a': handled = click('a'); break;
      case 'l': handled = click('l'); break;
      case 'e': handled = click('e'); break;
      case 'r': handled = click('r'); break;
      case 'q': window.location.href = '/review'; break;
      default: handled = false;
    }
    if (handled) { event.preventDefault(); }
  });
})();

// trainer-lib.js: the one import of the trainer module (emcc --js-library).
// SPDX-License-Identifier: MIT
//
// web/trainer.c calls ft_monitor after every epoch.  It hands the numbers
// to Module.ftMonitor (set by web/trainer.js), which answers 0 (go on), 1
// (stop), or a Promise of one of them: then the module is suspended
// (Asyncify unwinds its stack), the event loop runs, and the module
// resumes with the Promise's value.  Resuming calls the import again: it
// then only hands back that value.
mergeInto(LibraryManager.library, {
  ft_monitor: function (epoch, epochs, best, last, loss, val, bestVal) {
    if (Asyncify.state === Asyncify.State.Rewinding)
      return Asyncify.handleSleep(function () {});
    var r = Module['ftMonitor'](epoch, epochs, best, last, loss, val, bestVal);
    if (typeof r === 'number') return r;
    return Asyncify.handleSleep(function (wakeUp) {
      r.then(wakeUp, function () { wakeUp(1); });
    });
  },
});

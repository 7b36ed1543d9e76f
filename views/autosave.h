// Autosave of the model editor's unsaved text, so that a crash loses no work: a copy of the
// text in the app data folder (QStandardPaths::AppDataLocation, "autosave/"), one file per
// document, named by a hash of the document's absolute path and written atomically
// (QSaveFile). The editor writes it a few seconds after the last edit, offers it back when the
// document is opened again, and removes it after a save or a discard.
#pragma once

#include <QString>

#include <optional>

namespace ds::autosave {

// Where the autosave of the document `path` lives.
QString location(const QString& path);

// Writes `text` as the autosave of `path`; false when it cannot be written.
bool write(const QString& path, const QString& text);

// The autosaved text of `path`, when there is an autosave newer than the file itself (a file
// saved after its autosave was written makes the autosave stale: it is removed).
std::optional<QString> newer_than_file(const QString& path);

void remove(const QString& path);

} // namespace ds::autosave

#include "autosave.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace ds::autosave {

QString location(const QString& path) {
    const QByteArray key = QFileInfo(path).absoluteFilePath().toUtf8();
    const QString name =
        QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex());
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/autosave/") + name + QStringLiteral(".json");
}

bool write(const QString& path, const QString& text) {
    const QString target = location(path);
    if (!QDir().mkpath(QFileInfo(target).absolutePath())) return false;
    QSaveFile file(target);
    const QByteArray bytes = text.toUtf8();
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

std::optional<QString> newer_than_file(const QString& path) {
    const QFileInfo saved(location(path));
    if (!saved.exists()) return std::nullopt;
    const QFileInfo original(path);
    if (original.exists() && original.lastModified() > saved.lastModified()) {
        remove(path);
        return std::nullopt;
    }
    QFile file(saved.filePath());
    if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
    return QString::fromUtf8(file.readAll());
}

void remove(const QString& path) {
    QFile::remove(location(path));
}

} // namespace ds::autosave

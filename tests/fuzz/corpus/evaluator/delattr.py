raw.extra.append(3)
del raw.extra
raw.extra
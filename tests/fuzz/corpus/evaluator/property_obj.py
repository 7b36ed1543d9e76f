p = property(lambda self: 1)
Person.extra_prop = p
ada.extra_prop
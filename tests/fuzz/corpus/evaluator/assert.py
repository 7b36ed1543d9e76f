assert ada.name == 'ada', 'name'
assert False, 'boom'
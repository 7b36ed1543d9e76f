import json
json.loads(json.dumps({'a': [1, 2.5, None]})), json.dumps('é')
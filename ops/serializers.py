"""Django's JSON serializer, keeping microseconds.

The stock encoder cuts times to milliseconds (the ECMA-262 format), which would make
a restored history record a little earlier than the original and could reorder
records made within one millisecond. The output is still plain Django JSON: `loaddata`
reads it with the stock deserializer.
"""

import datetime

from django.core.serializers import json


class ExactEncoder(json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = json.Deserializer
